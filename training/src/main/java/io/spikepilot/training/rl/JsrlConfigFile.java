package io.spikepilot.training.rl;

import io.spikepilot.controller.io.FileTooLargeException;
import io.spikepilot.controller.io.LimitedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads a run configuration of {@code key=value} lines (the keys of {@link JsrlConfig#entries()}, the command-line
 * option names) into a {@link JsrlConfig}: blank lines and {@code #} comments are skipped, and the provenance lines a
 * run writes into its {@code config.txt} ({@code command=}, {@code commit=}) are ignored, so a finished run's
 * config.txt trains the same run again. Any other unknown key, a malformed line or a bad value is an error naming
 * the file, the line and the key.
 */
public final class JsrlConfigFile {
    /** Larger files are refused before they are read: a configuration is a few hundred bytes. */
    public static final long MAX_BYTES = 64 * 1024;
    private static final List<String> PROVENANCE = List.of("command", "commit");

    private JsrlConfigFile() {
    }

    /** Applies the file's settings to {@code config} (fields the file does not name keep their values). */
    public static void read(Path file, JsrlConfig config) {
        read(file, config::set);
    }

    /** Hands every setting of the file to {@code set} (key, value), in file order. */
    public static void read(Path file, BiConsumer<String, String> set) {
        List<String> lines;
        try {
            lines = LimitedFiles.readAllLines(file, MAX_BYTES, "config file");
        } catch (FileTooLargeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("config file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("config file " + file + ", line " + (i + 1)
                        + ": expected key=value, found '" + line + "'");
            }
            String key = line.substring(0, eq).trim();
            if (PROVENANCE.contains(key)) {
                continue;
            }
            try {
                set.accept(key, line.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config file " + file + ", line " + (i + 1) + ": " + e.getMessage());
            }
        }
    }
}
