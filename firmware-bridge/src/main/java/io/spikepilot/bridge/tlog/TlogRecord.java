package io.spikepilot.bridge.tlog;

import io.spikepilot.bridge.codec.MavlinkFrame;

/** One record of a .tlog, reused by {@link TlogReader#next}. */
public final class TlogRecord {
    /** Timestamp with the link-id bits cleared, µs since the Unix epoch. */
    public long timestampUs;
    /** Link id from the low two timestamp bits (0..3). */
    public int linkId;
    /** Byte offset of the record in the file. */
    public long fileOffset;
    /** The frame. */
    public final MavlinkFrame frame = new MavlinkFrame();
}
