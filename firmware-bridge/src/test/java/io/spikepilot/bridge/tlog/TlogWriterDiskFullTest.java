package io.spikepilot.bridge.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.transport.Eventually;
import io.spikepilot.controller.record.DiskSpaceGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .tlog on a device that answers every write with ENOSPC ({@code /dev/full}): recording stops, offers never block.
 */
class TlogWriterDiskFullTest {
    @Test
    void aFullDiskStopsTheTlogOnceAndCloseDoesNotThrow(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "/dev/full is a Linux device");
        List<String> said = new CopyOnWriteArrayList<>();
        DiskSpaceGuard guard = new DiskSpaceGuard(dir, 0, said::add);
        TlogWriter writer = new TlogWriter(full, 4096, guard);
        byte[] frame = new byte[40];
        frame[0] = (byte) 0xFD;
        // more than the 64 KiB write buffer holds: the writer must reach the device
        for (int i = 0; i < 5000 && guard.stopReason() == null; i++) {
            writer.offer(1_700_000_000_000_000L, frame, 0, frame.length);
            if (i % 50 == 0) {
                Thread.sleep(1);
            }
        }
        Eventually.waitFor("the guard to stop recording", () -> guard.stopReason() != null);
        assertTrue(guard.stopReason().startsWith("writing /dev/full failed (No space left on device"),
                guard.stopReason());
        Eventually.waitFor("the writer to stop", () -> !writer.offer(0, frame, 0, frame.length));
        long dropped = writer.droppedFrames();
        assertFalse(writer.offer(0, frame, 0, frame.length));
        assertEquals(dropped + 1, writer.droppedFrames());
        writer.close();
        assertEquals(1, said.size(), said.toString());
    }
}
