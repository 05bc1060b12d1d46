package io.gennas4j.benchmark;

/** The three NAS-Bench-201 datasets and the accuracy columns of {@code nb201_accuracies.csv}. */
public enum Nb201Dataset {
    CIFAR10("cifar10", "CIFAR-10"),
    CIFAR100("cifar100", "CIFAR-100"),
    IMAGENET16("imagenet16", "ImageNet16-120");

    private final String prefix;
    private final String title;

    Nb201Dataset(String prefix, String title) {
        this.prefix = prefix;
        this.title = title;
    }

    /** Column of the 200-epoch accuracy: test or validation. */
    public String column(boolean test) {
        return prefix + (test ? "_test" : "_valid");
    }

    public String title() {
        return title;
    }

    /** Short key used in figures ({@code cifar10}, {@code cifar100}, {@code imagenet16}). */
    public String key() {
        return prefix;
    }

    public static Nb201Dataset fromKey(String key) {
        for (Nb201Dataset d : values()) {
            if (d.prefix.equalsIgnoreCase(key) || d.name().equalsIgnoreCase(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown NAS-Bench-201 dataset '" + key + "': use cifar10, cifar100 or imagenet16");
    }
}
