package io.gennas4j.space;

/**
 * How big a network to build for an architecture.
 *
 * @param channels base channel count C (stage widths are C, 2C, 4C)
 * @param cellsPerStage cells stacked in each of the three stages
 */
public record NetworkSize(int channels, int cellsPerStage) {

    public NetworkSize {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        if (cellsPerStage < 1) {
            throw new IllegalArgumentException("cellsPerStage must be >= 1, got " + cellsPerStage);
        }
    }
}
