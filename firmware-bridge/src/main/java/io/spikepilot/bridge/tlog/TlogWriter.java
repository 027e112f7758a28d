package io.spikepilot.bridge.tlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes every frame it is offered to a .tlog file on its own thread.
 *
 * <p>Producers (link reader, loop, session) copy frames into a preallocated ring and return at once: a record is
 * claimed with one compare-and-set, filled, then committed through its header slot. When the ring is full the frame
 * is dropped and counted; a producer never waits for the disk. The writer thread drains committed records in order.
 */
public final class TlogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlogWriter.class);
    /** Ring records are aligned to this many bytes; the first slot of each holds nothing but keeps headers aligned. */
    private static final int ALIGN = 8;
    private static final long IDLE_PARK_NS = 2_000_000L;

    private final Path file;
    private final OutputStream out;
    private final byte[] ring;
    private final int mask;
    /** Committed frame length + 1 per 8-byte slot at a record start; 0 = not committed. */
    private final AtomicIntegerArray headers;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private final byte[] record = new byte[TlogFormat.TIMESTAMP_BYTES + io.spikepilot.bridge.codec.MavlinkProtocol.MAX_FRAME];
    private volatile boolean running = true;
    private volatile IOException failure;

    /**
     * Creates (or appends to) {@code file} and starts the writer thread.
     *
     * @param ringBytes ring capacity, a power of two of at least 4096 bytes; about 40 bytes per frame
     */
    public TlogWriter(Path file, int ringBytes) throws IOException {
        this(file, openAppending(file), ringBytes);
    }

    /** Writes to {@code out} (which this writer closes); {@code file} only names it in messages. */
    TlogWriter(Path file, OutputStream out, int ringBytes) {
        if (ringBytes < 4096 || Integer.bitCount(ringBytes) != 1) {
            throw new IllegalArgumentException("tlog ring size must be a power of two >= 4096 bytes, found " + ringBytes);
        }
        this.file = file;
        this.out = out;
        this.ring = new byte[ringBytes];
        this.mask = ringBytes - 1;
        this.headers = new AtomicIntegerArray(ringBytes / ALIGN);
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
    public boolean offer(long timestampField, byte[] frame, int offset, int length) {
        if (!running || length <= 0 || length > io.spikepilot.bridge.codec.MavlinkProtocol.MAX_FRAME) {
            dropped.incrementAndGet();
            return false;
        }
        int size = align(ALIGN + TlogFormat.TIMESTAMP_BYTES + length);
        long claimed;
        do {
            claimed = tail.get();
            if (claimed + size - head.get() > ring.length) {
                dropped.incrementAndGet();
                return false;
            }
        } while (!tail.compareAndSet(claimed, claimed + size));
        int position = (int) (claimed & mask);
        int at = position + ALIGN;
        for (int shift = 56; shift >= 0; shift -= 8) {
            ring[at++ & mask] = (byte) (timestampField >>> shift);
        }
        copyIn(frame, offset, at & mask, length);
        headers.set(position / ALIGN, length + 1);
        return true;
    }

    private void copyIn(byte[] source, int offset, int position, int length) {
        int first = Math.min(length, ring.length - position);
        System.arraycopy(source, offset, ring, position, first);
        if (first < length) {
            System.arraycopy(source, offset + first, ring, 0, length - first);
        }
    }

    private void drainLoop() {
        try {
            while (running) {
                if (!drainAvailable()) {
                    out.flush();
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
            }
            drainAvailable();
            out.flush();
        } catch (IOException e) {
            failure = e;
            running = false;
            LOG.error("tlog {} stopped: writing failed: {}. Frames from now on are dropped.", file, e.toString());
        }
    }

    /** Writes every committed record; true when at least one was written. */
    private boolean drainAvailable() throws IOException {
        boolean any = false;
        while (true) {
            long h = head.get();
            if (h == tail.get()) {
                return any;
            }
            int position = (int) (h & mask);
            int committed = headers.get(position / ALIGN);
            if (committed == 0) {
                return any; // claimed but still being filled
            }
            int length = committed - 1;
            int total = TlogFormat.TIMESTAMP_BYTES + length;
            int from = (position + ALIGN) & mask;
            int first = Math.min(total, ring.length - from);
            System.arraycopy(ring, from, record, 0, first);
            if (first < total) {
                System.arraycopy(ring, 0, record, first, total - first);
            }
            out.write(record, 0, total);
            headers.set(position / ALIGN, 0);
            head.set(h + align(ALIGN + total));
            written.incrementAndGet();
            any = true;
        }
    }

    private static int align(int size) {
        return (size + ALIGN - 1) & -ALIGN;
    }

    /** Frames dropped because the ring was full (or the writer had failed). */
    public long droppedFrames() {
        return dropped.get();
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
