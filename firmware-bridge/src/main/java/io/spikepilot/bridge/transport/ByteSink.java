package io.spikepilot.bridge.transport;

/** Receives what a transport reads, on the transport's reader thread. */
public interface ByteSink {
    /** A chunk of bytes, valid only during the call, that arrived at {@code nowNs}. */
    void onBytes(byte[] data, int offset, int length, long nowNs);

    /** The link went up (first open or after a reconnect). */
    default void onLinkUp(String description, long nowNs) {
    }

    /** The link went down; the transport keeps trying to restore it until closed. */
    default void onLinkDown(String reason, long nowNs) {
    }
}
