package io.spikepilot.bridge.replay;

import io.spikepilot.bridge.tlog.TlogReader;
import io.spikepilot.bridge.tlog.TlogRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where each record of a .tlog starts, for tests that damage one. */
final class TlogOffsets {
    private TlogOffsets() {
    }

    static List<Long> recordStarts(Path file) throws Exception {
        List<Long> starts = new ArrayList<>();
        try (TlogReader reader = TlogReader.open(file)) {
            TlogRecord r = new TlogRecord();
            while (reader.next(r)) {
                starts.add(r.fileOffset);
            }
        }
        return starts;
    }
}
