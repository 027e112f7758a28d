package io.spikepilot.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The git revision of the checkout a command runs in, recorded as the provenance of the files it writes (trained and
 * calibrated policies), so a file names the code that made it.
 */
final class GitCommit {
    private GitCommit() {
    }

    /** The checkout's commit (with "-dirty" for uncommitted changes), or "unknown" outside a git checkout. */
    static String current() {
        try {
            String head = run("git", "rev-parse", "HEAD");
            if (head.isEmpty()) {
                return "unknown";
            }
            return run("git", "status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return text;
    }
}
