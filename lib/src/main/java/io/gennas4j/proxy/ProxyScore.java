package io.gennas4j.proxy;

/**
 * One architecture's score.
 *
 * @param arch the architecture's encoding
 * @param value the score (for GenNAS the final eval loss; lower is better); NaN when it failed
 * @param seconds wall time to build, initialise and train the network
 * @param trace intermediate values (GenNAS: the eval loss at every eval interval)
 * @param error why scoring failed, or null
 */
public record ProxyScore(String arch, double value, double seconds, double[] trace, String error) {

    public ProxyScore {
        trace = trace == null ? new double[0] : trace.clone();
    }

    public static ProxyScore failed(String arch, double seconds, Throwable error) {
        String msg = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return new ProxyScore(arch, Double.NaN, seconds, null, msg);
    }

    public boolean ok() {
        return error == null;
    }

    @Override
    public double[] trace() {
        return trace.clone();
    }
}
