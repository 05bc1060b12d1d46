package io.gennas4j.running;

import io.gennas4j.proxy.ProxyScore;
import java.util.Locale;

/** Prints {@code [  12/100] 7.4 s/arch, ETA 10m 52s, last 3.0846} lines, throttled. */
final class ConsoleProgress implements ProgressListener {

    private final double everySeconds;
    private double lastPrint = Double.NEGATIVE_INFINITY;

    ConsoleProgress(double everySeconds) {
        this.everySeconds = everySeconds;
    }

    @Override
    public void onScore(int done, int total, ProxyScore score, double elapsed) {
        if (done < total && elapsed - lastPrint < everySeconds) {
            return;
        }
        lastPrint = elapsed;
        double perArch = elapsed / Math.max(done, 1);
        long eta = Math.round(perArch * (total - done));
        String last = score.ok() ? number(score.value()) : "FAILED (" + score.error() + ")";
        System.out.printf(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d] %.1f s/arch, elapsed %s, ETA %s, last %s%n",
                done, total, perArch, duration(Math.round(elapsed)), duration(eta), last);
        System.out.flush();
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60)
                : seconds + "s";
    }

    /** Four decimals, or scientific notation beyond 10⁶ and below 10⁻³ (as notebook tables print numbers). */
    static String number(double v) {
        double a = Math.abs(v);
        return Double.isFinite(v) && v != 0 && (a >= 1e6 || a < 1e-3)
                ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
