package io.gennas4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.running.ArchitectureList;
import io.gennas4j.running.Shard;
import io.gennas4j.space.nb101.Nb101Space;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ScoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void shardsAreContiguousAndConcatenateToTheList() {
        for (int n = 0; n < 9; n++) {
            List<Integer> list = IntStream.range(0, n).boxed().toList();
            for (int k = 1; k <= 4; k++) {
                List<Integer> joined = new ArrayList<>();
                for (int i = 1; i <= k; i++) {
                    joined.addAll(new Shard(i, k).slice(list));
                }
                assertEquals(list, joined, n + " in " + k);
            }
        }
        assertEquals(List.of(3, 4), Shard.parse("2/2").slice(List.of(1, 2, 3, 4)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/2")).getMessage().contains("1 <= i <= n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("2")).getMessage().contains("i/n"));
    }

    Path tenArchs() throws Exception {
        Nb201Table t = Nb201Table.load();
        List<String> lines = new ArrayList<>(List.of("# ten NAS-Bench-201 cells", ""));
        for (int i = 0; i < 10; i++) {
            lines.add(t.arch(i).encoding());
            if (i == 4) {
                lines.add("|nor_conv_3x3~0|+|bogus~0|");
            }
        }
        Path f = dir.resolve("archs.txt");
        Files.write(f, lines);
        return f;
    }

    static Table read(Path csv) {
        return Table.read().csv(csv.toFile());
    }

    /** The Done-when of the score command: gennas and synflow on ten cells; two shards concatenate to one run. */
    @Test
    void twoShardsGiveTheRowsOfOneRun() throws Exception {
        Path file = tenArchs();
        for (String proxy : List.of("gennas", "synflow")) {
            Path whole = ScoreCommand.run(ScoreCommand.options("--space", "nb201", "--file", file.toString(), "--proxy", proxy,
                    "--preset", "fast", "--out", dir.resolve(proxy + ".csv").toString()));
            Table all = read(whole);
            assertEquals(10, all.rowCount());
            assertEquals(List.of("arch", "score", "seconds", "error"), all.columnNames());
            Table joined = null;
            for (int i = 1; i <= 2; i++) {
                Path part = ScoreCommand.run(ScoreCommand.options("--space", "nb201", "--file", file.toString(), "--proxy", proxy,
                        "--preset", "fast", "--shard", i + "/2", "--out", dir.resolve(proxy + "_" + i + ".csv").toString()));
                joined = joined == null ? read(part) : joined.append(read(part));
            }
            assertEquals(all.stringColumn("arch").asList(), joined.stringColumn("arch").asList(), proxy);
            assertEquals(all.column("score").asList(), joined.column("score").asList(), proxy);
            String side = Files.readString(Path.of(whole + ".settings.json"));
            assertTrue(side.contains("\"proxy\": \"" + proxy + "\"") && side.contains("archs.txt:8:"), side);
        }
    }

    @Test
    void badLinesAreReportedByLineNumberAndHashesResolve() throws Exception {
        String hash = Nb101Table.load().archs().get(3).hash();
        Path f = dir.resolve("nb101.txt");
        Files.write(f, List.of(hash, "not a cell", Nb101Table.load().archs().get(5).encoding()));
        ArchitectureList list = ScoreCommand.architectures(ScoreCommand.options("--file", f.toString()), Nb101Space.INSTANCE);
        assertEquals(2, list.archs().size());
        assertEquals(hash, ((io.gennas4j.space.nb101.Nb101Arch) list.archs().get(0)).hash());
        assertEquals(1, list.problems().size());
        assertTrue(list.problems().get(0).startsWith(f + ":2: "), list.problems().get(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ScoreCommand.architectures(ScoreCommand.options("--file", f.toString(), "--all"), Nb101Space.INSTANCE));
        assertTrue(e.getMessage().contains("exactly one of"));
    }

    /** NAS-Bench-NLP recipes, one JSON a line: the recurrent proxies score them, a bad recipe is reported by line. */
    @Test
    void nlpRecipesScoreWithTheRecurrentMeasures() throws Exception {
        var cells = io.gennas4j.benchmark.NbNlpTable.load().cells();
        Path f = dir.resolve("nlp.txt");
        Files.write(f, List.of(cells.get(0).encoding(), "{\"h_new_0\": {\"op\": \"conv\", \"input\": [\"x\"]}}", cells.get(1).encoding()));
        Path out = ScoreCommand.run(ScoreCommand.options("--space", "nbnlp", "--file", f.toString(), "--proxy", "params",
                "--workers", "1", "--out", dir.resolve("nlp.csv").toString()));
        Table t = read(out);
        assertEquals(2, t.rowCount());
        assertEquals((double) cells.get(0).model(1).recurrentParameterCount(), ((Number) t.column("score").get(0)).doubleValue());
        String side = Files.readString(Path.of(out + ".settings.json"));
        assertTrue(side.contains("nlp.txt:2:") && side.contains("unknown op 'conv'"), side);
        assertTrue(side.contains("\"network\": \"recurrent\""), side);
    }
}
