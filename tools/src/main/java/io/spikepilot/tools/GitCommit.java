package io.spikepilot.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The git revision of the code that runs, recorded as the provenance of the files a command writes (trained and
 * calibrated policies, experiment runs), so a file names the code that made it.
 *
 * <p>The revision comes from the build first: the jar's {@code version.properties} holds the commit it was built from,
 * which stays true when the jar runs outside any checkout (an experiment folder, a companion computer) and when the
 * working directory is a checkout of some other commit. Only a build without that record (an IDE's class path) falls
 * back to asking git about the working directory.
 */
final class GitCommit {
    private static final String VERSION_RESOURCE = "version.properties";

    private GitCommit() {
    }

    /** The commit (with "-dirty" for uncommitted changes to tracked files), or "unknown" when neither source has it. */
    static String current() {
        String built = fromBuild(GitCommit.class.getResourceAsStream(VERSION_RESOURCE));
        return built != null ? built : fromWorkingDirectory();
    }

    /**
     * The commit recorded at build time in a {@code version.properties} stream, or null when the stream is absent or
     * its fields were never filled in (unfiltered {@code ${...}} placeholders, a build outside git).
     */
    static String fromBuild(InputStream versionProperties) {
        if (versionProperties == null) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = versionProperties) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jar's " + VERSION_RESOURCE, e);
        }
        String commit = p.getProperty("commit", "").trim();
        if (!commit.matches("[0-9a-f]{40}")) {
            return null;
        }
        return "true".equals(p.getProperty("dirty", "").trim()) ? commit + "-dirty" : commit;
    }

    private static String fromWorkingDirectory() {
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
