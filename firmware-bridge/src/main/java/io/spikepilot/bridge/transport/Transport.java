package io.spikepilot.bridge.transport;

/** A bidirectional byte link to the flight controller. */
public interface Transport extends AutoCloseable {
    /** Opens the link and starts the reader and writer threads. Fails with an actionable message. */
    void start(ByteSink sink) throws TransportException;

    /**
     * Queues bytes (one whole frame) to be written. Never blocks and never allocates; false when the frame cannot be
     * queued (queue full, link down, no peer known yet), counted in {@link #sendDrops()}.
     */
    boolean send(byte[] data, int offset, int length);

    /** True while the link is up. */
    boolean isConnected();

    /** Frames that could not be sent. */
    long sendDrops();

    /** A short description for logs, e.g. {@code udp://0.0.0.0:14540 -> 127.0.0.1:14580}. */
    String describe();

    /** Stops the threads and releases the port. */
    @Override
    void close();
}
