package io.spikepilot.tools;

import io.spikepilot.tools.cli.BadInputException;
import io.spikepilot.tools.cli.CliErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run's output folder that can be taken back: {@link #discard()} removes what was added since {@link #claim} (and
 * the folder, if the claim created it), so a run that never started leaves nothing that looks like a run.
 */
final class RunFolder {
    private final Path dir;
    private final boolean created;
    private final Set<Path> before;

    private RunFolder(Path dir, boolean created, Set<Path> before) {
        this.dir = dir;
        this.created = created;
        this.before = before;
    }

    /**
     * Creates {@code dir} if needed and remembers what it held.
     *
     * @param option the option that named it, for the message when it cannot be created
     */
    static RunFolder claim(String option, Path dir) {
        try {
            boolean existed = Files.isDirectory(dir);
            Files.createDirectories(dir);
            return new RunFolder(dir, !existed, existed ? contents(dir) : Set.of());
        } catch (IOException e) {
            throw new BadInputException(option + " " + dir + ": cannot create it (" + CliErrors.describe(e) + ")", e);
        }
    }

    /** Deletes what was added since the claim, deepest first, and the folder if the claim created it. */
    void discard() throws IOException {
        List<Path> added;
        try (Stream<Path> walk = Files.walk(dir)) {
            added = walk.filter(p -> !before.contains(p) && (created || !p.equals(dir)))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : added) {
            Files.deleteIfExists(p);
        }
    }

    private static Set<Path> contents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return new HashSet<>(walk.toList());
        }
    }
}
