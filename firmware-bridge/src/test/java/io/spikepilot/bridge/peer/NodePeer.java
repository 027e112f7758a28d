package io.spikepilot.bridge.peer;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts src/test-peer/peer.mjs (node-mavlink) as an independent autopilot, ground station or tlog decoder. Public
 * (through this module's test-jar) for the simulator's tests of the virtual flight controller.
 */
public final class NodePeer implements AutoCloseable {
    static final Path PEER_DIR = Paths.get("..", "src", "test-peer").toAbsolutePath().normalize();

    private final Process process;
    /** The peer's own UDP port on 127.0.0.1. */
    public final int port;
    final Path received;

    private NodePeer(Process process, int port, Path received) {
        this.process = process;
        this.port = port;
        this.received = received;
    }

    /** Skips the test, saying why, when node or the peer's node_modules are missing. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(nodeOnPath(), "node is not on the PATH: the node-mavlink peer tests need Node >= 18");
        Assumptions.assumeTrue(Files.isDirectory(PEER_DIR.resolve("node_modules").resolve("node-mavlink")),
                "node-mavlink is not installed: run 'npm ci' in " + PEER_DIR);
    }

    private static boolean nodeOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, "node"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts a fake autopilot sending to our UDP port and recording what it receives into {@code received}. */
    static NodePeer autopilot(String kind, int ourPort, Path received, String... extra) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList("autopilot", "--kind", kind,
                "--target", "127.0.0.1:" + ourPort, "--out", received.toString()));
        command.addAll(Arrays.asList(extra));
        return start(command, received);
    }

    /**
     * Starts a ground station talking to the autopilot on {@code autopilotPort}, recording what it decodes into
     * {@code received}; {@link #request} sends it requests.
     */
    public static NodePeer groundStation(int autopilotPort, Path received) throws IOException {
        return start(List.of("gcs", "--target", "127.0.0.1:" + autopilotPort, "--out", received.toString()),
                received);
    }

    private static NodePeer start(List<String> peerArgs, Path received) throws IOException {
        assumeAvailable();
        List<String> command = new ArrayList<>(List.of("node", "peer.mjs"));
        command.addAll(peerArgs);
        Process p = new ProcessBuilder(command).directory(PEER_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.contains("\"listening\"")) {
            p.destroy();
            throw new IOException("node peer did not start: first line was " + first);
        }
        int port = Integer.parseInt(first.replaceAll(".*\"port\":(\\d+).*", "$1"));
        return new NodePeer(p, port, received);
    }

    /** Decodes a .tlog with node-mavlink's tlog splitter; returns its JSON lines. */
    static List<String> decodeTlog(Path tlog) throws IOException, InterruptedException {
        assumeAvailable();
        Process p = new ProcessBuilder("node", "peer.mjs", "decode-tlog", tlog.toString())
                .directory(PEER_DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IOException("node tlog decoder did not finish");
        }
        return lines;
    }

    /** A ground station's request, one JSON line ({"paramRead":"NAME"}, {"setMode":N}, {"arm":1}, ...). */
    public void request(String jsonLine) throws IOException {
        process.getOutputStream().write((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Lines the peer has recorded so far. */
    public List<String> receivedLines() throws IOException {
        return Files.exists(received) ? Files.readAllLines(received) : List.of();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
