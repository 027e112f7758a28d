package io.spikepilot.flight.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The folder {@code fly} records into, kept to a size: each flight is the files named {@code flight-<date>-<time>.*}
 * (its {@code .tlog} and trace); before a new flight the oldest flights are deleted whole until the rest fit the
 * budget. Other files in the folder are neither counted nor touched.
 */
public final class LogFolder {
    public static final String PREFIX = "flight-";

    private LogFolder() {
    }

    /**
     * Deletes the oldest flights until the flights left total at most {@code keepBytes} (0: delete nothing).
     *
     * @return the deleted files, oldest first
     */
    public static List<Path> rotate(Path dir, long keepBytes) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (keepBytes <= 0 || !Files.isDirectory(dir)) {
            return deleted;
        }
        // the stamp sorts as the time it names: the first flight in the map is the oldest
        TreeMap<String, List<Path>> flights = new TreeMap<>();
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String name = file.getFileName().toString();
                int dot = name.indexOf('.');
                String stem = dot < 0 ? name : name.substring(0, dot);
                flights.computeIfAbsent(stem, s -> new ArrayList<>()).add(file);
                total += Files.size(file);
            }
        }
        while (total > keepBytes && !flights.isEmpty()) {
            Map.Entry<String, List<Path>> oldest = flights.pollFirstEntry();
            for (Path file : oldest.getValue()) {
                long size = Files.size(file);
                Files.delete(file);
                total -= size;
                deleted.add(file);
            }
        }
        return deleted;
    }
}
