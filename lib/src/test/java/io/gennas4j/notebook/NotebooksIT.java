package io.gennas4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Executes every notebook headless with a tiny budget (parameters through GENNAS4J_*
 * environment variables), as {@code environment/test} does after building the jars, and fails
 * on an error cell or a missing table, image or expected line. Needs Jupyter and the project's
 * kernelspec, which {@code environment/test} installs.
 */
class NotebooksIT {

    static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    static final Path OUT = Paths.get("target", "notebooks").toAbsolutePath();
    static final Map<String, String> TINY = Map.of(
            "GENNAS4J_ARCHS", "6", "GENNAS4J_CELLS", "1", "GENNAS4J_ITERS", "10", "GENNAS4J_CHANNELS", "8",
            "GENNAS4J_MAPS", "8");

    /** Outputs of an executed notebook, flattened. */
    record Executed(List<String> text, int html, int images, List<String> errors) {}

    static Executed execute(String name) throws IOException, InterruptedException {
        return execute(name, Map.of());
    }

    static Executed execute(String name, Map<String, String> env) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return executeOnce(name, env);
            } catch (KernelStartFailure e) {
                if (attempt == KERNEL_START_ATTEMPTS) {
                    throw new AssertionError(e.getMessage());
                }
                System.out.println("Kernel did not start for " + name + " (attempt " + attempt + "), retrying");
            }
        }
    }

    /**
     * The rapaio kernel sometimes never answers on its shell channel after start-up (seen about one
     * start in four here); a fresh kernel does. Such a start is retried, a failing cell is not.
     */
    static final int KERNEL_START_ATTEMPTS = 5;

    /** The Jupyter kernel did not come up: infrastructure, retried, not a notebook failure. */
    static final class KernelStartFailure extends Exception {
        KernelStartFailure(String message) {
            super(message);
        }
    }

    static Executed executeOnce(String name, Map<String, String> env)
            throws IOException, InterruptedException, KernelStartFailure {
        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve(name)); // never read a previous run's output
        Path kernels = ROOT.resolve("build/jupyter/share/jupyter");
        if (!Files.isDirectory(kernels.resolve("kernels/gennas4j-java"))) {
            fail("The Java kernelspec is not installed in " + kernels + ": run environment/test (or environment/setup) first");
        }
        ProcessBuilder pb = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=900", "--ExecutePreprocessor.startup_timeout=40",
                "--ExecutePreprocessor.kernel_name=gennas4j-java",
                "--output-dir", OUT.toString(), "--output", name, name)
                .directory(ROOT.resolve("notebooks").toFile()).redirectErrorStream(true);
        pb.environment().putAll(TINY);
        pb.environment().put("GENNAS4J_CACHE", "off");
        pb.environment().putAll(env);
        pb.environment().put("JUPYTER_PATH", kernels.toString());
        pb.redirectOutput(OUT.resolve(name + ".log").toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("jupyter is not on the PATH: run environment/test, which installs it", e);
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(name + " did not finish in 15 minutes");
        }
        Path executed = OUT.resolve(name);
        String log = Files.readString(OUT.resolve(name + ".log"), StandardCharsets.UTF_8);
        if (!Files.exists(executed) && (log.contains("Kernel didn't respond") || log.contains("Kernel died before replying"))) {
            throw new KernelStartFailure(name + ": " + tail(log));
        }
        assertTrue(Files.exists(executed), name + " produced no executed notebook; nbconvert said:\n" + tail(log));
        JsonObject nb = JsonParser.parseString(Files.readString(executed, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> text = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int html = 0;
        int images = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.has("outputs")) {
                continue;
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                if (type.equals("error")) {
                    errors.add(out.get("ename").getAsString() + ": " + out.get("evalue").getAsString());
                } else if (type.equals("stream")) {
                    text.add(join(out.get("text")));
                } else if (out.has("data")) {
                    JsonObject data = out.getAsJsonObject("data");
                    if (data.has("image/png")) {
                        images++;
                    }
                    if (data.has("text/html") && join(data.get("text/html")).contains("<table")) {
                        html++;
                    }
                }
            }
        }
        assertEquals(0, p.exitValue(), name + " failed: " + errors + "\n" + tail(log));
        return new Executed(text, html, images, errors);
    }

    static String join(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement x : (JsonArray) e) {
                sb.append(x.getAsString());
            }
            return sb.toString();
        }
        return e.getAsString();
    }

    static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    static boolean anyLine(List<String> text, String fragment) {
        return text.stream().anyMatch(t -> t.contains(fragment));
    }

    @Test
    void nb201RankingNotebookRunsWithATinyBudget() throws Exception {
        Executed r = execute("nb201_ranking.ipynb");
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "archs=6 sample=0 seed=111 task=CONF_NB101 preset=fast"), r.text().toString());
        assertTrue(anyLine(r.text(), "protocol C8 n1 it10 b16 e10: C=8, 1 cells/stage, 10 iterations, batch 16, eval every 10"),
                "the fast preset with the tiny budget's knobs: " + r.text());
        assertTrue(anyLine(r.text(), "trained 6, from cache 0, failed 0"), r.text().toString());
        assertTrue(anyLine(r.text(), "[6/6]"), "progress lines are printed");
        assertTrue(anyLine(r.text(), "CIFAR-10 test |rho| = "), r.text().toString());
        assertTrue(r.html() >= 5, "preview, task, rho, cost and provenance tables; got " + r.html());
        assertEquals(1, r.images(), "the loss-vs-accuracy scatter plot");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void nb201NotebookResumesFromTheCacheAndReRunsWithoutTraining() throws Exception {
        Path cache = OUT.resolve("cache-it.sqlite");
        Files.deleteIfExists(cache);
        Map<String, String> env = Map.of("GENNAS4J_CACHE", cache.toString());
        // a run stopped after 3 architectures (here: asked for 3) ...
        Executed first = execute("nb201_ranking.ipynb", Map.of("GENNAS4J_CACHE", cache.toString(), "GENNAS4J_ARCHS", "3"));
        assertTrue(anyLine(first.text(), "trained 3, from cache 0, failed 0"), first.text().toString());
        // ... resumes: the 3 finished ones come from the cache
        Executed resumed = execute("nb201_ranking.ipynb", env);
        assertTrue(anyLine(resumed.text(), "trained 3, from cache 3, failed 0"), resumed.text().toString());
        // ... and an unchanged re-run trains nothing
        Executed again = execute("nb201_ranking.ipynb", env);
        assertTrue(anyLine(again.text(), "trained 0, from cache 6, failed 0"), again.text().toString());
        // a changed setting is a different key
        Executed changed = execute("nb201_ranking.ipynb", Map.of("GENNAS4J_CACHE", cache.toString(), "GENNAS4J_SEED", "5"));
        assertTrue(anyLine(changed.text(), "trained 6, from cache 0, failed 0"), changed.text().toString());
    }

    @Test
    void comparisonNotebookTabulatesEveryMethodOnBothSpaces() throws Exception {
        Executed r = execute("ranking_comparison.ipynb", Map.of("GENNAS4J_NB101_ARCHS", "4", "GENNAS4J_ZC_BATCH", "16",
                "GENNAS4J_ZC_NB201_CHANNELS", "8", "GENNAS4J_ZC_NB201_CELLS", "1", "GENNAS4J_ZC_NB101_CHANNELS", "8"));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "6 NAS-Bench-201 architectures, 4 NAS-Bench-101 cells"), r.text().toString());
        assertTrue(anyLine(r.text(), "14 methods"), "10 zero-cost measures and 4 GenNAS tasks: " + r.text());
        // 14 methods on 1 NB101 target and 6 NB201 targets
        assertTrue(anyLine(r.text(), "scored 98 (method, target) pairs; 0 failed architectures"), r.text().toString());
        assertTrue(anyLine(r.text(), "14 methods x 4 targets"), r.text().toString());
        assertTrue(anyLine(r.text(), "== grasp on nb201"), "progress per method");
        assertTrue(r.html() >= 6, "spaces, methods, rho, tau, long table, provenance; got " + r.html());
        assertEquals(2, r.images(), "bar chart and cost scatter");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void frontierNotebookTabulatesAndPlotsEveryProtocolAndSeed() throws Exception {
        Executed r = execute("frontier.ipynb", Map.of("GENNAS4J_SEEDS", "1,2",
                "GENNAS4J_PROTOCOLS", "C4-n1-it3-b4-e1,C4-n1-it2-b4-e2", "GENNAS4J_REFERENCE", "C4-n1-it3-b4-e1"));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "2 protocols x 2 seeds on 6 architectures"), r.text().toString());
        assertTrue(anyLine(r.text(), "== C4 n1 it2 b4 e2 (C=4, 1 cells/stage, 2 iterations, batch 4, eval every 2), seed 2"),
                "a heading per run: " + r.text());
        assertTrue(anyLine(r.text(), "4 (protocol, seed) runs"), r.text().toString());
        assertTrue(anyLine(r.text(), "cheapest protocol within 0.02 of C4 n1 it3 b4 e1's |rho|: C4 n1 it"), r.text().toString());
        assertTrue(r.html() >= 5, "protocols, runs, frontier, presets, provenance; got " + r.html());
        assertEquals(1, r.images(), "the frontier plot");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void signalsNotebookDrawsEveryBasis() throws Exception {
        Executed r = execute("signals.ipynb");
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        // input image, 3 sin1d, 3 sin2d, 6 dots, 1 resize, 4 noise levels, 3 stage targets
        assertEquals(21, r.images());
        assertTrue(anyLine(r.text(), "Targets of CONF_NB101 drawn"), r.text().toString());
        assertEquals(1, r.html(), "provenance table");
    }

    @Test
    void nasSearchNotebookRunsEveryMethodWithEverySeed() throws Exception {
        Executed r = execute("nas_search.ipynb", Map.of("GENNAS4J_POPULATION", "4", "GENNAS4J_TOURNAMENT", "2",
                "GENNAS4J_CYCLES", "4", "GENNAS4J_SEEDS", "2", "GENNAS4J_REFINE_PROTOCOL", "C4-n1-it5-b8-e5", "GENNAS4J_REFINE_TOP", "3"));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "space nb201: [rea-gennas, rs-gennas, rea-gennas-2f, rea-naswot, rea-synflow, rea-oracle, rs-oracle], seeds [1, 2], 8 evaluations per search"),
                r.text().toString());
        assertTrue(anyLine(r.text(), "GenNAS protocol C8 n1 it10 b16"), "the fast preset with the tiny knobs: " + r.text());
        assertTrue(anyLine(r.text(), "[8/8] best"), "progress lines");
        assertTrue(anyLine(r.text(), "rea-gennas   seed 2    chose |"), "a line per search: " + r.text());
        assertTrue(anyLine(r.text(), "rea-gennas-2f re-scores the best 3 with C=4, 1 cells/stage, 5 iterations, batch 8, eval every 5"),
                r.text().toString());
        assertTrue(anyLine(r.text(), "14 searches finished"), r.text().toString());
        assertTrue(anyLine(r.text(), "7 methods x 2 seeds"), r.text().toString());
        assertTrue(r.html() >= 4, "summary, optimum, chosen, provenance; got " + r.html());
        assertEquals(2, r.images(), "best-so-far against evaluations and against seconds");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void taskSearchNotebookSearchesATaskAndComparesItOnHeldOutArchitectures() throws Exception {
        Executed r = execute("task_search.ipynb", Map.of("GENNAS4J_POPULATION", "3", "GENNAS4J_TOURNAMENT", "2",
                "GENNAS4J_CYCLES", "2", "GENNAS4J_HELDOUT_ARCHS", "6", "GENNAS4J_HELDOUT_SEEDS", "1"));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "task search on nb201: 20 labelled, P=3 S=2 T=2, C=8, 1 cells/stage, 10 iterations"), r.text().toString());
        assertTrue(anyLine(r.text(), "5 tasks evaluated; best |rho| "), r.text().toString());
        assertTrue(anyLine(r.text(), "] on n = 20 labelled (evaluation "), "the best task's |rho| with its interval: " + r.text());
        assertTrue(anyLine(r.text(), "\"batchsize\": 16"), "the best task's JSON: " + r.text());
        assertTrue(anyLine(r.text(), "held-out |rho| on 6 architectures: searched "), r.text().toString());
        assertTrue(r.html() >= 5, "labelled, history, summary, runs, provenance; got " + r.html());
        assertEquals(4, r.images(), "fitness plot and three stage-target grids");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void eproxyNotebookComparesMethodsSweepsTheMacsTermAndRunsDps() throws Exception {
        Executed r = execute("eproxy.ipynb", Map.ofEntries(Map.entry("GENNAS4J_NB101_ARCHS", "3"),
                Map.entry("GENNAS4J_NB101_CHANNELS", "8"), Map.entry("GENNAS4J_NB201_ARCHS", "4"),
                Map.entry("GENNAS4J_NB201_CHANNELS", "4"), Map.entry("GENNAS4J_BASELINES", "synflow,flops"),
                Map.entry("GENNAS4J_GENNAS_TASK", ""),
                Map.entry("GENNAS4J_DPS_SPACE", "nb201"), Map.entry("GENNAS4J_DPS_LABELLED", "4"),
                Map.entry("GENNAS4J_DPS_CHANNELS", "4"), Map.entry("GENNAS4J_DPS_CELLS", "1"),
                Map.entry("GENNAS4J_DPS_POPULATION", "2"), Map.entry("GENNAS4J_DPS_TOURNAMENT", "1"),
                Map.entry("GENNAS4J_DPS_EVALS", "3"), Map.entry("GENNAS4J_DPS_HELDOUT", "4")));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "Eproxy configuration: {\"lr\":1.2,\"alpha\":0.1"), r.text().toString());
        assertTrue(anyLine(r.text(), "spearman_eproxy_nb101="), "Eproxy ranked on NAS-Bench-101: " + r.text());
        assertTrue(anyLine(r.text(), "spearman_eproxy_cifar10_test="), "and on NAS-Bench-201: " + r.text());
        assertTrue(anyLine(r.text(), "DPS on nb201: 4 labelled, 4 held out, P=2 S=1 3 evaluations, C=4, 1 cells"), r.text().toString());
        assertTrue(anyLine(r.text(), "held-out |rho| on 4 architectures: DPS "), r.text().toString());
        assertTrue(r.html() >= 6, "statistics, |rho|, |tau|, two MACs sweeps, held-out, provenance; got " + r.html());
        assertEquals(8, r.images(), "five target maps, rho bars, loss traces, DPS fitness");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void transnasNotebookRanksBothSpacesAgainstTheSevenTasks() throws Exception {
        Executed r = execute("transnas.ipynb", Map.of("GENNAS4J_ARCHS", "4", "GENNAS4J_METHODS", "gennas,eproxy,synflow,flops",
                "GENNAS4J_SHOW_ARCHS", "3"));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "micro cells whose output ignores the image: 169 of 4096, exactly zero forever: 87"), r.text().toString());
        assertTrue(anyLine(r.text(), "micro: 4096 labelled architectures, 4 drawn (seed 111)"), r.text().toString());
        assertTrue(anyLine(r.text(), "macro: 3255 labelled architectures, 4 drawn (seed 111)"), r.text().toString());
        for (String task : io.gennas4j.benchmark.TransNasTable.TASKS) {
            assertTrue(anyLine(r.text(), "micro spearman_eproxy_" + task + "="), task + ": " + r.text());
            assertTrue(anyLine(r.text(), "macro spearman_eproxy_" + task + "="), task + ": " + r.text());
        }
        assertEquals(2, r.images(), "one heat map per space");
        assertEquals(8, r.html(), "network summary, |rho| and |tau| per space, architectures per space, provenance");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }

    @Test
    void nlpNotebookRanksRecurrentCellsAgainstPtbPerplexity() throws Exception {
        Executed r = execute("nlp_ranking.ipynb", Map.of("GENNAS4J_ARCHS", "4", "GENNAS4J_ITERS", "10", "GENNAS4J_SHOW_TRACES", "3"));
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(anyLine(r.text(), "313 PTB results for 263 distinct cells; 4 drawn (seed 111)"), r.text().toString());
        assertTrue(anyLine(r.text(), "CONF_NLP: batch 16, L 8, D 48"), r.text().toString());
        for (String m : java.util.List.of("gennas", "grad_norm", "snip", "synflow", "jacob_cov", "fisher", "params")) {
            assertTrue(anyLine(r.text(), "spearman_" + m + "_ptb_test="), m + ": " + r.text());
        }
        assertTrue(anyLine(r.text(), "naswot on nbnlp: skipped, NASWOT's binary codes are ReLU"), r.text().toString());
        assertTrue(anyLine(r.text(), "GenNAS trainings ending in NaN (scored 1000 + U): "), r.text().toString());
        assertEquals(4, r.images(), "task maps, rho bars, loss scatter, loss traces");
        assertEquals(3, r.html(), "cells, rank correlations, provenance");
        assertFalse(anyLine(r.text(), "Exception"), r.text().toString());
    }
}
