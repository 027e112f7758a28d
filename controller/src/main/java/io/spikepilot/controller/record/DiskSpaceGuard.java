package io.spikepilot.controller.record;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Decides for the recording threads (the {@code .tlog} writer, the trace writer) whether they may still write: not
 * once the log disk's free space falls below a floor, nor after a write failed (a full disk, a pulled card). The
 * first stop latches for every writer sharing the guard, is said once through a listener, and is never an exception:
 * recording ends, the flight does not. The loop thread never calls it.
 */
public final class DiskSpaceGuard {
    /** How often the free space is asked of the file system, at most. */
    public static final long CHECK_EVERY_NS = 250_000_000L;

    private final FileStore store;
    private final Path dir;
    private final long minFreeBytes;
    private final Consumer<String> onStop;
    private volatile String stopReason;
    private volatile long stoppedAtNs;
    private long nextCheckNs = Long.MIN_VALUE;

    /**
     * @param dir          the log directory (it must exist)
     * @param minFreeBytes stop below this much usable space
     * @param onStop       told once, with the reason, when recording stops (a log line)
     */
    public DiskSpaceGuard(Path dir, long minFreeBytes, Consumer<String> onStop) throws IOException {
        this.dir = dir;
        this.store = Files.getFileStore(dir);
        this.minFreeBytes = minFreeBytes;
        this.onStop = onStop;
    }

    /**
     * Whether a writer may write now; checks the free space at most every {@link #CHECK_EVERY_NS}. Called by the
     * recording threads only; {@code nowNs} is their monotonic clock.
     */
    public synchronized boolean mayWrite(long nowNs) {
        if (stopReason != null) {
            return false;
        }
        if (nextCheckNs != Long.MIN_VALUE && nowNs - nextCheckNs < 0) {
            return true;
        }
        nextCheckNs = nowNs + CHECK_EVERY_NS;
        long free;
        try {
            free = store.getUsableSpace();
        } catch (IOException e) {
            stop(nowNs, "the free space of " + dir + " cannot be read (" + e.getMessage() + ")");
            return false;
        }
        if (free < minFreeBytes) {
            // KiB: a MiB figure would round just under the floor up to the floor itself
            stop(nowNs, "only " + (free >> 10) + " KiB free on " + dir + " (record.min_free_mb " + (minFreeBytes >> 20)
                    + ")");
            return false;
        }
        return true;
    }

    /** A writer's write failed: stops every writer sharing this guard. */
    public synchronized void writeFailed(long nowNs, Path file, IOException e) {
        stop(nowNs, "writing " + file + " failed (" + e.getMessage() + ")");
    }

    private void stop(long nowNs, String reason) {
        if (stopReason != null) {
            return;
        }
        stoppedAtNs = nowNs;
        stopReason = reason;
        onStop.accept("recording stopped: " + reason + "; the flight goes on without a .tlog and trace from here");
    }

    /** Why recording stopped, or null while it goes on. */
    public String stopReason() {
        return stopReason;
    }

    /** When it stopped (the writer's monotonic clock), meaningful once {@link #stopReason()} is set. */
    public long stoppedAtNs() {
        return stoppedAtNs;
    }
}
