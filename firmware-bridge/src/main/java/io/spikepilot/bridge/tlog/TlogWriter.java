package io.spikepilot.bridge.tlog;

import io.spikepilot.bridge.codec.MavlinkProtocol;
import io.spikepilot.bridge.ring.RecordRing;
import io.spikepilot.controller.record.DiskSpaceGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes every frame it is offered to a .tlog file on its own thread.
 *
 * <p>Producers (link reader, loop, session) copy frames into a preallocated {@link RecordRing} and return at once.
 * When the ring is full the frame is dropped and counted; a producer never waits for the disk.
 */
public final class TlogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlogWriter.class);
    private static final long IDLE_PARK_NS = 2_000_000L;

    private final Path file;
    private final OutputStream out;
    private final RecordRing ring;
    private final AtomicLong stoppedDrops = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final byte[] frame = new byte[MavlinkProtocol.MAX_FRAME];
    private final byte[] record = new byte[TlogFormat.TIMESTAMP_BYTES + MavlinkProtocol.MAX_FRAME];
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException failure;
    /** Says when to stop recording (a full disk, a failed write); null: a failure is only logged and rethrown. */
    private final DiskSpaceGuard guard;

    /**
     * Creates (or appends to) {@code file} and starts the writer thread.
     *
     * @param ringBytes ring capacity, a power of two of at least 4096 bytes; a 40-byte frame takes 64
     */
    public TlogWriter(Path file, int ringBytes) throws IOException {
        this(file, openAppending(file), ringBytes, null);
    }

    /**
     * Like {@link #TlogWriter(Path, int)}, recording only while {@code guard} allows: below its free-space floor, or
     * when a write fails, the writer closes the file and drops what it is offered from then on, and {@link #close()}
     * does not throw for it (the guard has said why).
     */
    public TlogWriter(Path file, int ringBytes, DiskSpaceGuard guard) throws IOException {
        this(file, openAppending(file), ringBytes, guard);
    }

    /** Writes to {@code out} (which this writer closes); {@code file} only names it in messages. */
    TlogWriter(Path file, OutputStream out, int ringBytes) {
        this(file, out, ringBytes, null);
    }

    TlogWriter(Path file, OutputStream out, int ringBytes, DiskSpaceGuard guard) {
        this.guard = guard;
        if (ringBytes < 4096 || Integer.bitCount(ringBytes) != 1) {
            throw new IllegalArgumentException("tlog ring size must be a power of two >= 4096 bytes, found "
                    + ringBytes);
        }
        this.file = file;
        this.out = out;
        this.ring = new RecordRing(ringBytes, MavlinkProtocol.MAX_FRAME);
        this.thread = new Thread(this::drainLoop, "tlog-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private static OutputStream openAppending(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16);
    }

    /**
     * Queues one frame with its timestamp field (see {@link TlogFormat#encodeTimestamp}). Never blocks, never
     * allocates; returns false and counts a drop when the ring is full or the writer has stopped.
     */
    public boolean offer(long timestampField, byte[] frameBytes, int offset, int length) {
        if (!running) {
            stoppedDrops.incrementAndGet();
            return false;
        }
        return ring.offer(timestampField, frameBytes, offset, length);
    }

    private void drainLoop() {
        try {
            while (running) {
                if (guard != null && !guard.mayWrite(System.nanoTime())) {
                    stopRecording();
                    return;
                }
                if (!drainAvailable()) {
                    out.flush();
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
            }
            drainAvailable();
            out.flush();
        } catch (IOException e) {
            running = false;
            if (guard != null) {
                guard.writeFailed(System.nanoTime(), file, e);
                stopRecording();
                return;
            }
            failure = e;
            LOG.error("tlog {} stopped: writing failed: {}. Frames from now on are dropped.", file, e.toString());
        }
    }

    /** Ends the file where it is; what it cannot flush any more is lost with the disk, never the flight. */
    private void stopRecording() {
        running = false;
        try {
            out.close();
        } catch (IOException e) {
            // the guard has already said why recording stopped; a full disk also refuses the last buffer
        }
    }

    /** Writes every committed record; true when at least one was written. */
    private boolean drainAvailable() throws IOException {
        boolean any = false;
        int length;
        while ((length = ring.poll(frame)) > 0) {
            long timestamp = ring.lastTag();
            for (int i = 0, shift = 56; i < 8; i++, shift -= 8) {
                record[i] = (byte) (timestamp >>> shift);
            }
            System.arraycopy(frame, 0, record, TlogFormat.TIMESTAMP_BYTES, length);
            out.write(record, 0, TlogFormat.TIMESTAMP_BYTES + length);
            written.incrementAndGet();
            any = true;
        }
        return any;
    }

    /** Frames dropped because the ring was full or the writer had stopped. */
    public long droppedFrames() {
        return ring.refused() + stoppedDrops.get();
    }

    /** Frames written to the file buffer so far. */
    public long writtenFrames() {
        return written.get();
    }

    public Path file() {
        return file;
    }

    /** Stops the thread after writing everything committed, and closes the file. */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (failure != null) {
            throw new IOException("tlog " + file + ": writing failed", failure);
        }
    }
}
