package io.spikepilot.bridge.signing;

import io.spikepilot.bridge.codec.FrameListener;
import io.spikepilot.bridge.codec.LittleEndian;
import io.spikepilot.bridge.codec.MavlinkFrame;

/**
 * Checks signed frames before passing them on: the signature must match the key, and the timestamp must move
 * forward within its (system, component, link) stream. A stream seen for the first time may not start more than one
 * minute behind the newest timestamp accepted so far, so an old recording cannot be replayed as a new stream.
 * Unsigned frames pass only when allowed. Allocation-free: streams live in a fixed open-addressing table.
 */
public final class SignatureVerifier implements FrameListener {
    private static final int STREAMS = 1024;

    private final SignatureHash hash;
    private final FrameListener downstream;
    private final boolean acceptUnsigned;
    private final long[] streamKeys = new long[STREAMS];
    private final long[] streamTimestamps = new long[STREAMS];
    private final byte[] scratch = new byte[io.spikepilot.bridge.codec.MavlinkProtocol.MAX_FRAME];
    private long newestTimestamp;
    private int streamCount;

    private long accepted;
    private long unsignedRejected;
    private long badSignatures;
    private long replays;
    private long tableFull;

    public SignatureVerifier(SigningKey key, boolean acceptUnsigned, FrameListener downstream) {
        this.hash = new SignatureHash(key);
        this.acceptUnsigned = acceptUnsigned;
        this.downstream = downstream;
        java.util.Arrays.fill(streamKeys, -1);
    }

    @Override
    public void onFrame(MavlinkFrame frame, long receivedNs) {
        if (!frame.isSigned()) {
            if (acceptUnsigned) {
                downstream.onFrame(frame, receivedNs);
            } else {
                unsignedRejected++;
            }
            return;
        }
        int length = frame.frameLength();
        int signatureAt = length - 13;
        byte[] raw = frame.rawBytes();
        System.arraycopy(raw, 0, scratch, 0, signatureAt + 7);
        byte[] digest = hash.hash(scratch, signatureAt + 7);
        for (int i = 0; i < 6; i++) {
            if (digest[i] != raw[signatureAt + 7 + i]) {
                badSignatures++;
                return;
            }
        }
        int linkId = raw[signatureAt] & 0xFF;
        long timestamp = LittleEndian.u48(raw, signatureAt + 1);
        long key = (long) frame.systemId() << 16 | (long) frame.componentId() << 8 | linkId;
        int slot = find(key);
        if (slot < 0) {
            tableFull++;
            return;
        }
        if (streamKeys[slot] == key) {
            if (timestamp <= streamTimestamps[slot]) {
                replays++;
                return;
            }
        } else {
            if (timestamp + SigningTimestamp.ONE_MINUTE < newestTimestamp) {
                replays++;
                return;
            }
            streamKeys[slot] = key;
            streamCount++;
        }
        streamTimestamps[slot] = timestamp;
        if (timestamp > newestTimestamp) {
            newestTimestamp = timestamp;
        }
        accepted++;
        downstream.onFrame(frame, receivedNs);
    }

    /** Slot holding {@code key}, or the empty slot where it would go, or -1 when the table is full. */
    private int find(long key) {
        int slot = (int) (mix(key) & (STREAMS - 1));
        for (int probe = 0; probe < STREAMS; probe++) {
            long k = streamKeys[slot];
            if (k == key || k == -1) {
                return k == -1 && streamCount >= STREAMS * 3 / 4 ? -1 : slot;
            }
            slot = (slot + 1) & (STREAMS - 1);
        }
        return -1;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    public long acceptedSigned() {
        return accepted;
    }

    public long unsignedRejected() {
        return unsignedRejected;
    }

    public long badSignatures() {
        return badSignatures;
    }

    /** Frames refused because their timestamp did not move forward (or a new stream started too far back). */
    public long replays() {
        return replays;
    }

    /** Frames refused because more streams were seen than the table holds. */
    public long streamTableFull() {
        return tableFull;
    }
}
