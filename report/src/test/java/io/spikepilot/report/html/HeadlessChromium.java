package io.spikepilot.report.html;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads a page in the Debian {@code chromium} package, headless, and takes a screenshot, with its console on stderr.
 * The flags are the ones that let it run as root on a machine without a network: without the background-networking
 * ones it waits for servers it cannot reach and never exits.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_S = 60;

    /** What a load left: exit code, stderr lines, and the console messages among them. */
    public record Load(int exitCode, List<String> stderr) {
        /** Console messages and uncaught errors, as Chromium logs them with --enable-logging=stderr. */
        public List<String> console() {
            return stderr.stream().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    private HeadlessChromium() {
    }

    /** Fails the test, saying what to install, when Chromium is missing: this check must not pass by skipping. */
    public static void require() {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " not found: the HTML report check needs headless Chromium. Install the Debian package "
                    + "with 'apt-get install -y chromium' (.ci/run installs it).");
        }
    }

    /** Loads {@code page} in a 1280 × 2000 window and writes {@code screenshot}; kills Chromium after 60 s. */
    public static Load screenshot(Path page, Path screenshot, Path scratch) throws IOException, InterruptedException {
        return screenshot(page, screenshot, scratch, 2000);
    }

    /** The same in a window {@code heightPx} tall, for a page whose figures start further down. */
    public static Load screenshot(Path page, Path screenshot, Path scratch, int heightPx)
            throws IOException, InterruptedException {
        require();
        Path profile = Files.createDirectories(scratch.resolve("chromium-profile"));
        Path stderr = scratch.resolve("chromium-stderr.txt");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280," + heightPx,
                page.toAbsolutePath().toUri().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish loading " + page + " within " + TIMEOUT_S + " s; its stderr: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Load(p.exitValue(), Files.readAllLines(stderr, StandardCharsets.UTF_8));
    }
}
