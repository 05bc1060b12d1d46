package io.gennas4j.running;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.gennas4j.proxy.ExitGuard;
import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.SearchSpaces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * A scoring worker process of {@link WorkerPool}. Protocol on stdin/stdout, one JSON object per
 * line: the parent sends {@code {"settings": {...}, "images": path}} once, the worker answers
 * {@code {"ready": true}}; then each {@code {"space": s, "arch": a}} is answered with a score
 * {@code {"arch", "value", "seconds", "trace", "error"}}. End of input ends the worker. Logging
 * goes to stderr, so stdout carries only the protocol.
 */
public final class Worker {

    /** Fault injection: a worker asked to score exactly this architecture exits abruptly. */
    static final String CRASH_ENV = "GENNAS4J_WORKER_CRASH_ON";

    private Worker() {}

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // anything printed by libraries stays off the protocol channel
        Gson gson = new Gson();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        JsonObject hello = gson.fromJson(in.readLine(), JsonObject.class);
        Map<String, String> settings = gson.fromJson(hello.get("settings"), new TypeToken<Map<String, String>>() {}.getType());
        Path images = hello.has("images") && !hello.get("images").isJsonNull() ? Paths.get(hello.get("images").getAsString()) : null;
        try (Proxy proxy = Proxies.fromSettings(settings, images)) {
            protocol.println("{\"ready\": true}");
            String line;
            while ((line = in.readLine()) != null) {
                JsonObject req = gson.fromJson(line, JsonObject.class);
                String arch = req.get("arch").getAsString();
                if (arch.equals(System.getenv(CRASH_ENV))) {
                    Runtime.getRuntime().halt(3); // fault injection for the pool's failure-isolation test
                }
                // a JVM exit (SIGTERM to the process group) waits until the result is written
                try (ExitGuard.Section guard = ExitGuard.enter()) {
                    ProxyScore s;
                    try {
                        s = proxy.score(SearchSpaces.byName(req.get("space").getAsString()).parse(arch));
                    } catch (RuntimeException e) {
                        s = ProxyScore.failed(arch, 0, e);
                    }
                    JsonObject out = new JsonObject();
                    out.addProperty("arch", s.arch());
                    out.addProperty("value", s.ok() ? Double.toString(s.value()) : "NaN");
                    out.addProperty("seconds", s.seconds());
                    out.add("trace", gson.toJsonTree(s.trace()));
                    if (s.error() != null) {
                        out.addProperty("error", s.error());
                    }
                    protocol.println(gson.toJson(out));
                }
            }
        }
    }

    static ProxyScore parse(Gson gson, String line) {
        JsonObject o = gson.fromJson(line, JsonObject.class);
        double[] trace = gson.fromJson(o.get("trace"), double[].class);
        String error = o.has("error") ? o.get("error").getAsString() : null;
        return new ProxyScore(o.get("arch").getAsString(), Double.parseDouble(o.get("value").getAsString()),
                o.get("seconds").getAsDouble(), trace, error);
    }
}
