package io.spikepilot.bridge.signing;

import io.spikepilot.bridge.codec.FrameSigner;
import io.spikepilot.bridge.codec.LittleEndian;

/**
 * Signs outgoing MAVLink 2 frames of one link. Timestamps follow the spec: 10 µs units since 2015, never repeating
 * or going back (each frame takes at least the previous timestamp + 1). The wall clock enters only through
 * {@link #observeUnixUs}, called off the hot path (e.g. with the 1 Hz heartbeat), so signing reads no clock.
 *
 * <p>One signer per sending thread (it is not thread-safe); signers of one link should share a link id only if they
 * also share timestamps, so give each thread its own link id.
 */
public final class MavlinkSigner implements FrameSigner {
    private final SignatureHash hash;
    private final int linkId;
    private volatile long clockFloor;
    private long lastTimestamp;

    /** @param startTimestamp a persisted timestamp to continue from (0 for none) */
    public MavlinkSigner(SigningKey key, int linkId, long startTimestamp) {
        if (linkId < 0 || linkId > 255) {
            throw new IllegalArgumentException("signing link id must be 0..255, found " + linkId);
        }
        this.hash = new SignatureHash(key);
        this.linkId = linkId;
        this.lastTimestamp = startTimestamp;
    }

    /** Moves the timestamp floor up to the given Unix time; a clock stepping back never moves it back. */
    public void observeUnixUs(long unixUs) {
        long t = SigningTimestamp.fromUnixUs(unixUs);
        if (t > clockFloor) {
            clockFloor = t;
        }
    }

    @Override
    public void sign(byte[] frame, int unsignedLength) {
        long timestamp = Math.max(lastTimestamp + 1, clockFloor);
        lastTimestamp = timestamp;
        frame[unsignedLength] = (byte) linkId;
        LittleEndian.putU48(frame, unsignedLength + 1, timestamp);
        byte[] digest = hash.hash(frame, unsignedLength + 7);
        System.arraycopy(digest, 0, frame, unsignedLength + 7, 6);
    }

    /** The last timestamp used; persist it to continue after a restart. */
    public long lastTimestamp() {
        return lastTimestamp;
    }
}
