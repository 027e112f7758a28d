package io.spikepilot.bridge.replay;

import io.spikepilot.bridge.codec.AttitudeMessage;
import io.spikepilot.bridge.codec.AttitudeQuaternionMessage;
import io.spikepilot.bridge.codec.HeartbeatMessage;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.OdometryMessage;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.bridge.tlog.TlogReader;
import io.spikepilot.bridge.tlog.TlogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a .tlog holds, from one pass over it: which systems and components sent which state messages, which system
 * is the autopilot (by HEARTBEAT), who sent SET_ATTITUDE_TARGET to whom, the messages the catalog does not know
 * (counted by id), where bytes were corrupt or the file ends mid-record, and where time went backwards. The replay
 * chooses the vehicle and its tick schedule from it.
 */
public final class TlogCensus {
    /** Message ids the state stream is built from, and the commands the replay compares with. */
    public static final int ATTITUDE_TARGET_ID = 83;
    public static final int POSITION_TARGET_LOCAL_NED_ID = 85;
    static final int[] TRACKED = {LocalPositionNedMessage.ID, AttitudeQuaternionMessage.ID, AttitudeMessage.ID,
            OdometryMessage.ID, ATTITUDE_TARGET_ID, POSITION_TARGET_LOCAL_NED_ID, HeartbeatMessage.ID};
    /** Backwards steps kept for the report. */
    private static final int MAX_NOTED = 5;

    final String file;
    long records;
    long firstUs = Long.MIN_VALUE;
    long lastUs = Long.MIN_VALUE;
    long unknownFrames;
    long badBytes;
    long truncatedTailBytes;
    long endOfLastRecord;
    long signedFrames;
    long mavlink1Frames;
    final int[] linkIdFrames = new int[4];
    /** (system << 8 | component) → counts in {@link #TRACKED} order. */
    final Map<Integer, long[]> counts = new TreeMap<>();
    /** system → MAV_AUTOPILOT of its HEARTBEAT (only autopilots, not GCSs or companions). */
    final Map<Integer, Integer> autopilots = new TreeMap<>();
    /** (sender system << 8 | component) → {count, target system} of SET_ATTITUDE_TARGET. */
    final Map<Integer, long[]> setpointSenders = new TreeMap<>();
    final Map<Integer, Long> unknownById = new TreeMap<>();
    final List<String> damage = new ArrayList<>();
    long backwardsSteps;
    final List<String> backwards = new ArrayList<>();

    private TlogCensus(String file) {
        this.file = file;
    }

    /** Reads the whole log once. */
    public static TlogCensus of(Path file) throws IOException {
        TlogCensus c = new TlogCensus(file.toString());
        try (TlogReader reader = TlogReader.open(file)) {
            TlogRecord r = new TlogRecord();
            long expectedOffset = 0;
            while (reader.next(r)) {
                if (r.fileOffset != expectedOffset && c.damage.size() < MAX_NOTED) {
                    c.damage.add(String.format(java.util.Locale.ROOT, "bytes %d..%d (%d) were not a record and "
                            + "were skipped", expectedOffset, r.fileOffset - 1, r.fileOffset - expectedOffset));
                }
                expectedOffset = r.fileOffset + 8 + r.frame.frameLength();
                c.add(r);
            }
            c.badBytes = reader.badBytes();
            c.truncatedTailBytes = reader.truncatedTailBytes();
            c.endOfLastRecord = expectedOffset;
            c.unknownFrames = reader.unknownFrames();
        }
        return c;
    }

    private void add(TlogRecord r) {
        records++;
        if (firstUs == Long.MIN_VALUE) {
            firstUs = r.timestampUs;
        } else if (r.timestampUs < lastUs) {
            backwardsSteps++;
            if (backwards.size() < MAX_NOTED) {
                backwards.add(String.format(java.util.Locale.ROOT, "at byte %d time went back %.6f s",
                        r.fileOffset, (lastUs - r.timestampUs) * 1e-6));
            }
        }
        lastUs = Math.max(lastUs, r.timestampUs);
        MavlinkFrame f = r.frame;
        linkIdFrames[r.linkId]++;
        if (f.isSigned()) {
            signedFrames++;
        }
        if (f.version() == 1) {
            mavlink1Frames++;
        }
        if (!f.isKnown()) {
            unknownById.merge(f.messageId(), 1L, Long::sum);
            return;
        }
        int id = f.messageId();
        int source = f.systemId() << 8 | f.componentId();
        for (int i = 0; i < TRACKED.length; i++) {
            if (TRACKED[i] == id) {
                counts.computeIfAbsent(source, k -> new long[TRACKED.length])[i]++;
            }
        }
        if (id == HeartbeatMessage.ID) {
            int autopilot = HeartbeatMessage.autopilot(f);
            int type = HeartbeatMessage.type(f);
            if (autopilot != HeartbeatMessage.MAV_AUTOPILOT_INVALID && type != HeartbeatMessage.MAV_TYPE_GCS
                    && type != HeartbeatMessage.MAV_TYPE_ONBOARD_CONTROLLER) {
                autopilots.putIfAbsent(f.systemId(), autopilot);
            }
        } else if (id == SetAttitudeTargetMessage.ID) {
            long[] s = setpointSenders.computeIfAbsent(source, k -> new long[2]);
            s[0]++;
            s[1] = SetAttitudeTargetMessage.targetSystem(f);
        }
    }

    /** Count of message {@code id} (one of {@link #TRACKED}) from a system, all its components together. */
    long countFromSystem(int system, int id) {
        int index = indexOf(id);
        long n = 0;
        for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
            if (e.getKey() >> 8 == system) {
                n += e.getValue()[index];
            }
        }
        return n;
    }

    static int indexOf(int id) {
        for (int i = 0; i < TRACKED.length; i++) {
            if (TRACKED[i] == id) {
                return i;
            }
        }
        throw new IllegalArgumentException("message " + id + " is not tracked");
    }

    /** State messages (position, attitude, odometry) from a source. */
    static long stateMessages(long[] c) {
        return c[0] + c[1] + c[2] + c[3];
    }

    /** Records read. */
    public long records() {
        return records;
    }

    /** Frames of messages the catalog does not know, skipped by the replay. */
    public long unknownFrames() {
        return unknownFrames;
    }

    /** Unknown frames by message id. */
    public Map<Integer, Long> unknownById() {
        return Map.copyOf(unknownById);
    }

    /** Times a record's timestamp was earlier than the latest one before it. */
    public long backwardsSteps() {
        return backwardsSteps;
    }

    /** Corrupt or truncated bytes. */
    public long badBytes() {
        return badBytes;
    }

    /** Bytes of a last record cut short (0 when the log ends cleanly). */
    public long truncatedTailBytes() {
        return truncatedTailBytes;
    }

    /** Lines for the report: frame mix, damage, time steps back, unknown messages. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "%s: %d records over %.1f s (%d MAVLink 1, %d signed; by "
                        + "link id %d/%d/%d/%d)", file, records, records == 0 ? 0.0 : (lastUs - firstUs) * 1e-6,
                mavlink1Frames, signedFrames, linkIdFrames[0], linkIdFrames[1], linkIdFrames[2], linkIdFrames[3]));
        if (unknownFrames > 0) {
            StringBuilder ids = new StringBuilder();
            unknownById.forEach((id, n) -> ids.append(ids.length() == 0 ? "" : ", ").append(id).append(" ×")
                    .append(n));
            lines.add(unknownFrames + " frames of messages the catalog does not know were counted and skipped "
                    + "(id ×count: " + ids + ")");
        }
        for (String d : damage) {
            lines.add("corrupt: " + d + "; replay went on at the next good record");
        }
        if (badBytes > truncatedTailBytes + damage.stream().count() && damage.size() >= MAX_NOTED) {
            lines.add("corrupt: " + (badBytes - truncatedTailBytes) + " bytes skipped in all");
        }
        if (truncatedTailBytes > 0) {
            lines.add("truncated: the log ends in the middle of a record (" + truncatedTailBytes + " bytes from "
                    + "byte " + endOfLastRecord + "); replayed up to the last whole record, at byte "
                    + endOfLastRecord);
        }
        if (backwardsSteps > 0) {
            lines.add("time went backwards " + backwardsSteps + " times (" + String.join("; ", backwards)
                    + (backwardsSteps > backwards.size() ? "; ..." : "") + "): such records are replayed at the "
                    + "latest time seen, not before it");
        }
        return lines;
    }
}
