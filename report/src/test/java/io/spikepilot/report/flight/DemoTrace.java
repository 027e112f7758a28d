package io.spikepilot.report.flight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The first 1000 ticks of a real demo flight of the shipped SNN (see the README beside the files). */
final class DemoTrace {
    static final String TRACE = "demo-1000-ticks.trace.csv.gz";
    static final String ACTIVITY = "demo-1000-ticks.activity.csv.gz";

    private DemoTrace() {
    }

    static String text(String resource) throws IOException {
        try (InputStream in = new GZIPInputStream(DemoTrace.class.getResourceAsStream(resource))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes the trace (and, with {@code activity}, its activity file) into {@code dir}; returns the trace. */
    static Path copyTo(Path dir, boolean activity) throws IOException {
        Path trace = dir.resolve("flight-demo.trace.csv");
        Files.writeString(trace, text(TRACE));
        if (activity) {
            Files.writeString(dir.resolve("flight-demo.activity.csv"), text(ACTIVITY));
        }
        return trace;
    }

    /** {@code text} with line {@code lineNo} (1-based) replaced. */
    static String replaceLine(String text, int lineNo, java.util.function.UnaryOperator<String> change) {
        String[] lines = text.split("\n", -1);
        lines[lineNo - 1] = change.apply(lines[lineNo - 1]);
        return String.join("\n", lines);
    }
}
