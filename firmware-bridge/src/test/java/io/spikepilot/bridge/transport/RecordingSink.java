package io.spikepilot.bridge.transport;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects everything a transport delivers. */
final class RecordingSink implements ByteSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger ups = new AtomicInteger();
    final AtomicInteger downs = new AtomicInteger();
    volatile String lastDownReason = "";

    @Override
    public synchronized void onBytes(byte[] data, int offset, int length, long nowNs) {
        bytes.write(data, offset, length);
    }

    @Override
    public void onLinkUp(String description, long nowNs) {
        ups.incrementAndGet();
    }

    @Override
    public void onLinkDown(String reason, long nowNs) {
        lastDownReason = reason;
        downs.incrementAndGet();
    }

    synchronized byte[] received() {
        return bytes.toByteArray();
    }

    synchronized int size() {
        return bytes.size();
    }
}
