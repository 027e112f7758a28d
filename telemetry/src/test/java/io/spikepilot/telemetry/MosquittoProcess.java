package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's mosquitto as a child process of the test, which can kill it (SIGKILL, as a crash or a power cut would) and
 * start it again on the same port. Its output goes to a log file beside its configuration, named in failures.
 */
final class MosquittoProcess implements AutoCloseable {
    static final String MOSQUITTO = "/usr/sbin/mosquitto";
    /**
     * The broker runs at a lower priority than the test: in the field it is another computer, and the loop timing
     * the tests measure is to show the vehicle's costs, not the broker's.
     */
    static final List<String> ELSEWHERE = List.of("nice", "-n", "9");
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    private MosquittoProcess(List<String> command, int port, Path log) {
        this.command = command;
        this.port = port;
        this.log = log;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(new File(MOSQUITTO).canExecute(),
                "mosquitto is not installed (apt-get install mosquitto; .ci/run does this)");
    }

    /** mosquitto 2 without a config file: loopback, anonymous. */
    static MosquittoProcess plain(int port, Path dir) throws Exception {
        MosquittoProcess p = new MosquittoProcess(elsewhere(MOSQUITTO, "-p", Integer.toString(port)), port,
                dir.resolve("mosquitto-" + port + ".log"));
        p.start();
        return p;
    }

    /** mosquitto with {@code config} (written to {@code dir}); waits until {@code port} accepts. */
    static MosquittoProcess configured(String config, int port, Path dir) throws Exception {
        Path file = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(file, config);
        MosquittoProcess p = new MosquittoProcess(elsewhere(MOSQUITTO, "-c", file.toString()), port,
                dir.resolve("mosquitto-" + port + ".log"));
        p.start();
        return p;
    }

    /** {@code command} behind {@link #ELSEWHERE}. */
    static List<String> elsewhere(String... command) {
        List<String> all = new ArrayList<>(ELSEWHERE);
        all.addAll(List.of(command));
        return all;
    }

    /** Starts (again) and waits for the port. */
    void start() throws Exception {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!await(this::accepts, 10_000)) {
            throw new IllegalStateException("mosquitto did not open port " + port + ": " + log());
        }
    }

    /** SIGKILL: no DISCONNECT, no will published by a clean shutdown, sockets reset by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGSTOP / SIGCONT: the broker stays connected but reads nothing, as a hung or swapped-out broker would. */
    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    boolean accepts() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
