package io.spikepilot.bridge.transport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A pseudo-terminal pair made by socat: two device paths wired back to back, like a UART cable. */
public final class SocatPtyPair implements AutoCloseable {
    public final Path a;
    public final Path b;
    private final Process process;

    private SocatPtyPair(Path a, Path b, Process process) {
        this.a = a;
        this.b = b;
        this.process = process;
    }

    /** Skips the calling test with a clear reason when socat is not installed. */
    public static void assumeSocat() {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/socat")),
                "socat is not installed (apt-get install socat): serial tests need a pty pair");
    }

    public static SocatPtyPair start(Path a, Path b) throws IOException {
        assumeSocat();
        Process p = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Eventually.waitFor("socat to create " + a + " and " + b, () -> Files.exists(a) && Files.exists(b));
        return new SocatPtyPair(a, b, p);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Eventually.waitFor("socat to remove " + a, () -> !Files.exists(a));
    }
}
