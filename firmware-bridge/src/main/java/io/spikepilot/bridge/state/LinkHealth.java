package io.spikepilot.bridge.state;

import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.MavlinkFrame;

/**
 * Health of one link, written by its reader thread and read by anyone (supervisor, telemetry, session).
 *
 * <p>Per-message rates are counted over fixed windows of {@link #WINDOW_NS} and published when a window closes; the
 * reader's counters are copied into volatile fields after each chunk, so other threads never read a torn 64-bit
 * value even on 32-bit ARM JVMs. Time is passed in.
 */
public final class LinkHealth {
    /** Length of a rate-measurement window. */
    public static final long WINDOW_NS = 1_000_000_000L;
    private static final int ID_LIMIT = 1 << 16;

    private final int[] countInWindow = new int[ID_LIMIT];
    private final float[] rateHz = new float[ID_LIMIT];
    private long windowStartNs = Long.MIN_VALUE;

    private volatile long framesAccepted;
    private volatile long badBytes;
    private volatile long crcFailures;
    private volatile long unknownFrames;
    private volatile long sequenceGaps;
    private volatile long bytesIn;
    private volatile long lastByteNs = Long.MIN_VALUE;
    private volatile long lastFrameNs = Long.MIN_VALUE;
    private volatile long rateVersion;
    private volatile long lastWindowClosedNs = Long.MIN_VALUE;

    /** Link thread: counts a frame for its message's rate. */
    public void onFrame(MavlinkFrame frame, long nowNs) {
        if (windowStartNs == Long.MIN_VALUE) {
            windowStartNs = nowNs;
        }
        closeWindowIfDue(nowNs);
        int id = frame.messageId();
        if (id < ID_LIMIT) {
            countInWindow[id]++;
        }
        lastFrameNs = nowNs;
    }

    /** Link thread: publishes the reader's counters and closes a due rate window, also during silence. */
    public void update(FrameReader reader, long nowNs) {
        framesAccepted = reader.framesAccepted();
        badBytes = reader.badBytes();
        crcFailures = reader.crcFailures();
        unknownFrames = reader.unknownFrames();
        sequenceGaps = reader.sequenceGaps();
        bytesIn = reader.bytesIn();
        if (reader.lastByteNs() != Long.MIN_VALUE) {
            lastByteNs = reader.lastByteNs();
        }
        if (windowStartNs != Long.MIN_VALUE) {
            closeWindowIfDue(nowNs);
        }
    }

    private void closeWindowIfDue(long nowNs) {
        long elapsed = nowNs - windowStartNs;
        if (elapsed < WINDOW_NS) {
            return;
        }
        float seconds = elapsed / 1e9f;
        for (int id = 0; id < ID_LIMIT; id++) {
            int count = countInWindow[id];
            if (count != 0 || rateHz[id] != 0f) {
                rateHz[id] = count / seconds;
                countInWindow[id] = 0;
            }
        }
        windowStartNs = nowNs;
        lastWindowClosedNs = nowNs;
        rateVersion = rateVersion + 1;
    }

    /** Rate of {@code messageId} over the last closed window, Hz (0 before the first window closes). */
    public float rateHz(int messageId) {
        if (messageId < 0 || messageId >= ID_LIMIT) {
            return 0f;
        }
        acquireRates();
        return rateHz[messageId];
    }

    /**
     * Rate of {@code messageId} as seen at {@code nowNs}: like {@link #rateHz(int)}, but 0 when no window has closed
     * for two window lengths, i.e. when the link has been silent long enough that the last figure is stale.
     */
    public float rateHz(int messageId, long nowNs) {
        long closed = lastWindowClosedNs;
        if (closed == Long.MIN_VALUE || nowNs - closed > 2 * WINDOW_NS) {
            return 0f;
        }
        return rateHz(messageId);
    }

    /** The volatile read orders the array reads after the link thread's last window publication. */
    private long acquireRates() {
        return rateVersion;
    }

    /** Number of closed rate windows. */
    public long rateWindows() {
        return rateVersion;
    }

    public long framesAccepted() {
        return framesAccepted;
    }

    public long badBytes() {
        return badBytes;
    }

    public long crcFailures() {
        return crcFailures;
    }

    public long unknownFrames() {
        return unknownFrames;
    }

    public long sequenceGaps() {
        return sequenceGaps;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** Time since the last byte arrived, or {@link Long#MAX_VALUE} when none has. */
    public long timeSinceLastByteNs(long nowNs) {
        long last = lastByteNs;
        return last == Long.MIN_VALUE ? Long.MAX_VALUE : nowNs - last;
    }

    /** Time since the last accepted frame, or {@link Long#MAX_VALUE} when none has. */
    public long timeSinceLastFrameNs(long nowNs) {
        long last = lastFrameNs;
        return last == Long.MIN_VALUE ? Long.MAX_VALUE : nowNs - last;
    }
}
