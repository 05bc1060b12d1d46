package io.gennas4j.running;

import java.util.List;

/**
 * The i-th of n contiguous slices of a list, so that n machines can split one architecture list
 * without talking to each other (SLURM-array style): slice i of n holds the elements
 * ⌊(i−1)·N/n⌋ … ⌊i·N/n⌋ − 1, and the n slices in order concatenate to the list.
 *
 * @param index 1-based slice number, 1 ≤ index ≤ count
 * @param count number of slices n ≥ 1
 */
public record Shard(int index, int count) {

    /** The whole list. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: use i/n with 1 <= i <= n, e.g. 1/4");
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Shard parse(String text) {
        String[] p = text == null ? new String[0] : text.trim().split("/");
        if (p.length != 2) {
            throw new IllegalArgumentException("--shard takes i/n (the i-th of n slices, 1-based), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard takes i/n with whole numbers, got '" + text + "'", e);
        }
    }

    /** This slice of {@code list} (a view). */
    public <T> List<T> slice(List<T> list) {
        int n = list.size();
        int from = (int) ((long) (index - 1) * n / count);
        int to = (int) ((long) index * n / count);
        return list.subList(from, to);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
