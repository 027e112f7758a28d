package io.spikepilot.bridge.ulog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs one of the independent Node tools under src/ (the ULog checker, the MAVLink peer) and returns its output. */
public final class NodeScript {
    /** src/ulog-check: @foxglove/ulog and our independent ULog writer. */
    public static final Path ULOG_CHECK = Paths.get("..", "src", "ulog-check").toAbsolutePath().normalize();
    /** src/test-peer: node-mavlink. */
    public static final Path TEST_PEER = Paths.get("..", "src", "test-peer").toAbsolutePath().normalize();

    private NodeScript() {
    }

    /** Skips, saying why, when node or the tool's node_modules are missing (CI installs both). */
    public static void assumeAvailable(Path dir, String module) {
        boolean node = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            node |= Files.isExecutable(Paths.get(d, "node"));
        }
        Assumptions.assumeTrue(node, "node is not on the PATH: these tests need Node >= 18");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("node_modules").resolve(module)),
                module + " is not installed: run 'npm ci' in " + dir);
    }

    /** Runs {@code node script args...} in {@code dir}; its stdout, one string per line; fails on a non-zero exit. */
    public static List<String> run(Path dir, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("node-script", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": still running after 300 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + p.exitValue());
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Writes a ULog with src/ulog-check/write-ulog.mjs. */
    public static Path writeUlog(Path file, String... args) throws IOException, InterruptedException {
        assumeAvailable(ULOG_CHECK, "@foxglove");
        List<String> all = new ArrayList<>(List.of(file.toString()));
        all.addAll(Arrays.asList(args));
        run(ULOG_CHECK, "write-ulog.mjs", all.toArray(String[]::new));
        return file;
    }
}
