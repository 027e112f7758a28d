package io.spikepilot.bridge.transport;

import io.spikepilot.bridge.codec.MavlinkProtocol;
import io.spikepilot.bridge.ring.RecordRing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The part every transport shares: an outbound {@link RecordRing} drained by a writer thread, a reader thread, the
 * clock that stamps incoming chunks, and the up/down bookkeeping.
 */
abstract class QueuedTransport implements Transport {
    private static final int RING_BYTES = 1 << 16;
    private static final long WRITER_IDLE_NS = 1_000_000L;

    protected final LongSupplier clockNs;
    private final RecordRing outbound = new RecordRing(RING_BYTES, MavlinkProtocol.MAX_FRAME);
    private final AtomicLong drops = new AtomicLong();
    private final byte[] writeBuffer = new byte[MavlinkProtocol.MAX_FRAME];
    protected volatile boolean closed;
    protected volatile boolean connected;
    private Thread reader;
    private Thread writer;
    protected ByteSink sink;

    QueuedTransport(LongSupplier clockNs) {
        this.clockNs = clockNs;
    }

    @Override
    public final void start(ByteSink sink) throws TransportException {
        if (this.sink != null) {
            throw new IllegalStateException(describe() + " already started");
        }
        this.sink = sink;
        open();
        connected = true;
        sink.onLinkUp(describe(), clockNs.getAsLong());
        reader = new Thread(this::readLoop, "link-reader " + describe());
        reader.setDaemon(true);
        reader.start();
        writer = new Thread(this::writeLoop, "link-writer " + describe());
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public final boolean send(byte[] data, int offset, int length) {
        if (closed || !connected || !canSend() || !outbound.offer(0, data, offset, length)) {
            drops.incrementAndGet();
            return false;
        }
        LockSupport.unpark(writer);
        return true;
    }

    private void writeLoop() {
        while (!closed) {
            int length = outbound.poll(writeBuffer);
            if (length < 0) {
                LockSupport.parkNanos(WRITER_IDLE_NS);
                continue;
            }
            if (!connected) {
                drops.incrementAndGet();
                continue;
            }
            try {
                write(writeBuffer, length);
            } catch (IOException e) {
                drops.incrementAndGet();
                linkDown("write failed: " + e.getMessage());
            }
        }
    }

    /** Marks the link down once, telling the sink. */
    protected final void linkDown(String reason) {
        if (connected) {
            connected = false;
            sink.onLinkDown(describe() + ": " + reason, clockNs.getAsLong());
        }
    }

    /** Marks the link up again after a reconnect. */
    protected final void linkUp() {
        if (!connected) {
            connected = true;
            sink.onLinkUp(describe(), clockNs.getAsLong());
        }
    }

    @Override
    public final boolean isConnected() {
        return connected;
    }

    @Override
    public final long sendDrops() {
        return drops.get();
    }

    @Override
    public final void close() {
        closed = true;
        release();
        for (Thread t : new Thread[]{reader, writer}) {
            if (t != null && t != Thread.currentThread()) {
                LockSupport.unpark(t);
                try {
                    t.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        connected = false;
    }

    /** Opens the port or socket; throws an actionable error. */
    protected abstract void open() throws TransportException;

    /** Reader thread body: read, hand chunks to the sink, reconnect when needed, until {@link #closed}. */
    protected abstract void readLoop();

    /** Writer thread: writes one frame, may block. */
    protected abstract void write(byte[] data, int length) throws IOException;

    /** Whether a frame can be addressed now (UDP without a known peer cannot). */
    protected boolean canSend() {
        return true;
    }

    /** Closes sockets or ports so blocked reads return. */
    protected abstract void release();

    /** Sleeps on the reader thread between reconnect attempts. */
    protected static void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }
}
