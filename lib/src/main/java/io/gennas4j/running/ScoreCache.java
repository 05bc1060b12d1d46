package io.gennas4j.running;

import io.gennas4j.proxy.ProxyScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A persistent score cache in an embedded SQLite database. Scores are keyed by {@link CacheKey};
 * re-running an unchanged configuration reads them instead of training, and an interrupted run
 * resumes where it stopped. Several processes may share one file: SQLite's write-ahead log and a
 * busy timeout serialise their writes. Only successful scores are stored.
 */
public final class ScoreCache implements AutoCloseable {

    /** Environment variable naming the cache file ({@code off} disables caching in notebooks). */
    public static final String ENV = "GENNAS4J_CACHE";

    private final Path file;
    private final Connection db;

    private ScoreCache(Path file) throws SQLException {
        this.file = file;
        // the driver directly rather than through DriverManager, which misses drivers loaded by
        // a notebook kernel's own class loader
        this.db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), new java.util.Properties());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS scores (
                      space TEXT NOT NULL, arch TEXT NOT NULL, proxy TEXT NOT NULL,
                      settings_hash TEXT NOT NULL, version TEXT NOT NULL, settings TEXT NOT NULL,
                      score REAL NOT NULL, seconds REAL NOT NULL, trace TEXT NOT NULL,
                      created TEXT NOT NULL DEFAULT (datetime('now')),
                      PRIMARY KEY (space, arch, proxy, settings_hash, version))""");
        }
    }

    /** Opens (creating if needed) the cache at {@code file}. */
    public static ScoreCache open(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return new ScoreCache(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of score cache " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open score cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The default cache file: {@value #ENV} if set, else {@code build/cache/scores.sqlite} in the
     * project (found upwards from the working directory by its {@code lib/} and {@code notebooks/}).
     */
    public static Path defaultLocation() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return io.gennas4j.Gennas4j.buildDirectory().resolve("cache/scores.sqlite");
    }

    public Path file() {
        return file;
    }

    /** The cached score for a key, if any. */
    public synchronized Optional<ProxyScore> get(CacheKey key) {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT score, seconds, trace FROM scores WHERE space=? AND arch=? AND proxy=? AND settings_hash=? AND version=?")) {
            bind(q, key);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ProxyScore(key.arch(), r.getDouble(1), r.getDouble(2), parseTrace(r.getString(3)), null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Score cache " + file + " lookup failed: " + e.getMessage(), e);
        }
    }

    /** Stores a successful score (failures are not cached: they may be transient). */
    public synchronized void put(CacheKey key, ProxyScore score) {
        if (!score.ok() || !Double.isFinite(score.value())) {
            return;
        }
        try (PreparedStatement q = db.prepareStatement(
                "INSERT OR REPLACE INTO scores (space, arch, proxy, settings_hash, version, settings, score, seconds, trace) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(q, key);
            q.setString(6, key.settings());
            q.setDouble(7, score.value());
            q.setDouble(8, score.seconds());
            q.setString(9, Arrays.stream(score.trace()).mapToObj(Double::toString).collect(Collectors.joining(" ")));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Score cache " + file + " write failed: " + e.getMessage(), e);
        }
    }

    /** Number of cached scores. */
    public synchronized int size() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scores")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every cached score as a table (space, arch, proxy, settings_hash, version, score, seconds, created). */
    public synchronized Table table() {
        Table t = Table.create("score cache " + file, StringColumn.create("space"), StringColumn.create("arch"),
                StringColumn.create("proxy"), StringColumn.create("settings_hash"), StringColumn.create("version"),
                DoubleColumn.create("score"), DoubleColumn.create("seconds"), StringColumn.create("created"));
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
                "SELECT space, arch, proxy, settings_hash, version, score, seconds, created FROM scores ORDER BY created, arch")) {
            while (r.next()) {
                for (int c = 1; c <= 5; c++) {
                    t.stringColumn(c - 1).append(r.getString(c));
                }
                t.doubleColumn("score").append(r.getDouble(6));
                t.doubleColumn("seconds").append(r.getDouble(7));
                t.stringColumn("created").append(r.getString(8));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return t;
    }

    /** Writes {@link #table()} as CSV. */
    public void exportCsv(Path csv) {
        table().write().csv(csv.toFile());
    }

    private static void bind(PreparedStatement q, CacheKey key) throws SQLException {
        q.setString(1, key.space());
        q.setString(2, key.arch());
        q.setString(3, key.proxy());
        q.setString(4, key.settingsHash());
        q.setString(5, key.version());
    }

    private static double[] parseTrace(String s) {
        return s == null || s.isBlank() ? new double[0] : Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
