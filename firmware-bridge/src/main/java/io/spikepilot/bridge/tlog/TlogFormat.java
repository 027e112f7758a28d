package io.spikepilot.bridge.tlog;

/** Facts of the .tlog layout. */
public final class TlogFormat {
    /** Bytes of the big-endian timestamp before each frame. */
    public static final int TIMESTAMP_BYTES = 8;
    /** Low timestamp bits that carry the link id. */
    public static final long LINK_ID_MASK = 0x3;
    /** Earliest plausible timestamp of a first record: 2000-01-01T00:00:00Z in µs. */
    public static final long EARLIEST_US = 946_684_800_000_000L;
    /** Latest plausible timestamp: 2100-01-01T00:00:00Z in µs. */
    public static final long LATEST_US = 4_102_444_800_000_000L;
    /** After a good record, the next one must be within this distance (pymavlink uses the same 3 days). */
    public static final long MAX_JUMP_US = 3L * 24 * 3600 * 1_000_000;

    private TlogFormat() {
    }

    /** The timestamp field for a frame received at {@code unixUs} on link {@code linkId} (0..3). */
    public static long encodeTimestamp(long unixUs, int linkId) {
        return (unixUs & ~LINK_ID_MASK) | (linkId & LINK_ID_MASK);
    }
}
