package io.gennas4j.notebook;

import io.gennas4j.task.BasisConfig;
import io.gennas4j.task.InputBatch;
import io.gennas4j.task.SignalBases;
import io.gennas4j.task.SignalContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Pictures of the synthetic targets: grids of 8×8 maps on a blue–white–red scale. */
public final class SignalGallery {

    private SignalGallery() {}

    /**
     * Draws {@code channels} maps of one basis for the first image of {@code batch}.
     *
     * @param key basis key (sin1d, sin2d, dot, dot_gaussian, resize)
     */
    public static float[] drawBasis(String key, BasisConfig config, InputBatch batch, int channels, long seed) {
        SignalContext ctx = new SignalContext(1, channels, 8, new Random(seed),
                batch.images(), batch.side());
        return SignalBases.byKey(key).draw(config, ctx);
    }

    /**
     * The stage targets of a task for the first image of {@code batch}: one grid per stage with
     * its first {@code maps} channels (the maps the proxy regresses at that stage's tap).
     */
    public static java.util.List<BufferedImage> stageTargets(io.gennas4j.task.TaskConfig task, String name, InputBatch batch,
            long seed, int maps, int pixel) {
        float[][] targets = io.gennas4j.task.TaskInstance.drawTargets(task, batch, seed);
        java.util.List<BufferedImage> out = new java.util.ArrayList<>();
        for (int l = 0; l < targets.length; l++) {
            int shown = Math.min(maps, task.channels(l));
            float[] first = java.util.Arrays.copyOf(targets[l], shown * 64); // image 0, first channels
            out.add(grid(first, 8, 16, pixel, name + " stage " + l + ": " + task.features().get(l).keySet() + ", "
                    + task.channels(l) + " channels"));
        }
        return out;
    }

    /**
     * A grid of square maps.
     *
     * @param maps row-major [count, size, size]
     * @param columns maps per row
     * @param pixel screen pixels per map pixel
     * @param title printed above the grid
     */
    public static BufferedImage grid(float[] maps, int size, int columns, int pixel, String title) {
        int count = maps.length / (size * size);
        int rows = (count + columns - 1) / columns;
        int gap = 4;
        int header = title == null ? 0 : 22;
        int w = columns * (size * pixel + gap) + gap;
        int h = header + rows * (size * pixel + gap) + gap;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (title != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, gap, 16);
        }
        float peak = 1e-6f;
        for (float v : maps) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int m = 0; m < count; m++) {
            int x0 = gap + (m % columns) * (size * pixel + gap);
            int y0 = header + gap + (m / columns) * (size * pixel + gap);
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    g.setColor(diverging(maps[(m * size + i) * size + j] / peak));
                    g.fillRect(x0 + j * pixel, y0 + i * pixel, pixel, pixel);
                }
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Eproxy's five target maps (spec {@code transnas-eproxy.md} Part B) for one image: the first
     * {@code channels} channels of each map as a grid of 8×8 tiles, one picture per map.
     */
    public static java.util.List<BufferedImage> eproxyTargets(io.gennas4j.task.eproxy.EproxyTargets targets, int image, int channels) {
        java.util.List<BufferedImage> out = new java.util.ArrayList<>();
        int plane = io.gennas4j.task.eproxy.EproxyTargets.SIDE * io.gennas4j.task.eproxy.EproxyTargets.SIDE;
        for (io.gennas4j.task.eproxy.TargetMap m : io.gennas4j.task.eproxy.TargetMap.values()) {
            float[] all = targets.map(m);
            float[] some = new float[channels * plane];
            System.arraycopy(all, image * io.gennas4j.task.eproxy.EproxyTargets.CHANNELS * plane, some, 0, some.length);
            out.add(grid(some, io.gennas4j.task.eproxy.EproxyTargets.SIDE, 16, 6,
                    m.key() + ": image " + image + ", channels 0-" + (channels - 1) + " (seed " + targets.seeds().get(m) + ")"));
        }
        return out;
    }

    /**
     * A task configuration as a table, one row per stage (shallowest first; on a 32×32 input the
     * stages are 32×32, 16×16 and 8×8): {@code stage}, {@code channels} and {@code bases (level)}.
     */
    public static tech.tablesaw.api.Table taskTable(io.gennas4j.task.TaskConfig task, String name) {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("Task " + name, tech.tablesaw.api.StringColumn.create("stage"),
                tech.tablesaw.api.StringColumn.create("channels"), tech.tablesaw.api.StringColumn.create("bases (level)"));
        int stages = io.gennas4j.task.TaskConfig.STAGES;
        for (int l = 0; l < stages; l++) {
            StringBuilder sb = new StringBuilder();
            for (var e : task.features().get(l).entrySet()) {
                sb.append(e.getKey()).append(String.format(java.util.Locale.ROOT, " (%.1f)  ", e.getValue().level()));
            }
            int side = 32 >> l;
            t.stringColumn("stage").append(l + " (" + side + "x" + side + (l == 0 ? ", shallowest)" : l == stages - 1 ? ", deepest)" : ")"));
            t.stringColumn("channels").append(String.valueOf(task.channels(l)));
            t.stringColumn("bases (level)").append(sb.toString().trim());
        }
        return t;
    }

    /** The acceptance statistics (B.7) of the five maps: mean, std, max |value|, lag-1 autocorrelation, seed. */
    public static tech.tablesaw.api.Table statisticsTable(io.gennas4j.task.eproxy.EproxyTargets targets) {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("Eproxy target maps, [16, 512, 8, 8] each (B.7 checks passed)",
                tech.tablesaw.api.StringColumn.create("map"), tech.tablesaw.api.DoubleColumn.create("mean"),
                tech.tablesaw.api.DoubleColumn.create("std"), tech.tablesaw.api.DoubleColumn.create("max |value|"),
                tech.tablesaw.api.DoubleColumn.create("lag-1 autocorrelation"), tech.tablesaw.api.StringColumn.create("seed"));
        for (var s : targets.statistics()) {
            t.stringColumn("map").append(s.map().key());
            t.doubleColumn("mean").append(s.mean());
            t.doubleColumn("std").append(s.std());
            t.doubleColumn("max |value|").append(s.maxAbs());
            t.doubleColumn("lag-1 autocorrelation").append(s.lag1());
            t.stringColumn("seed").append(String.valueOf(targets.seeds().get(s.map())));
        }
        return t;
    }

    /** −1 → blue, 0 → white, +1 → red. */
    static Color diverging(float v) {
        float t = Math.max(-1f, Math.min(1f, v));
        int fade = (int) (255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    /** An input image (normalised values) with noise of a given level, as an RGB picture. */
    public static BufferedImage image(InputBatch batch, int index, float[] noise, int pixel) {
        int s = batch.side();
        BufferedImage img = new BufferedImage(s * pixel, s * pixel, BufferedImage.TYPE_INT_RGB);
        float[] x = batch.images();
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    int k = ((index * 3 + c) * s + i) * s + j;
                    double v = x[k] + (noise == null ? 0 : noise[k]);
                    double raw = v * InputBatch.CIFAR_STD[c] + InputBatch.CIFAR_MEAN[c];
                    rgb[c] = (int) Math.max(0, Math.min(255, Math.round(raw * 255)));
                }
                int color = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
                for (int a = 0; a < pixel; a++) {
                    for (int b = 0; b < pixel; b++) {
                        img.setRGB(j * pixel + b, i * pixel + a, color);
                    }
                }
            }
        }
        return img;
    }
}
