package io.spikepilot.bridge.session;

import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.transport.ByteSink;
import io.spikepilot.bridge.transport.Transport;

/**
 * A transport with no wire: every byte sent goes straight into a flyweight reader whose frames reach the handler the
 * test gives, so a test sees exactly what the link put on the wire.
 */
class DecodingTransport implements Transport {
    private final FrameReader reader;
    private final String description;

    DecodingTransport(FrameListener handler, String description) {
        this.reader = new FrameReader(MessageCatalog.standard(), handler);
        this.description = description;
    }

    @Override
    public void start(ByteSink sink) {
        // Nothing arrives by itself: tests push inbound bytes through the link directly.
    }

    @Override
    public synchronized boolean send(byte[] data, int offset, int length) {
        reader.accept(data, offset, length, 0);
        return true;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public long sendDrops() {
        return 0;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // No resources.
    }
}
