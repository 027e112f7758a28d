package io.spikepilot.bridge.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.ulog.NodeScript;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.pid.PidPolicy;
import io.spikepilot.controller.replay.WhatIfComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of a .tlog written by an independent MAVLink implementation (node-mavlink, src/test-peer) as a ground
 * station records one: vehicle system 42, signed MAVLink 2, a GCS's MAVLink 1 heartbeats on another link, attitude
 * as Euler ATTITUDE only, a message no dialect defines. Then the same log damaged.
 */
class TlogReplayTest {
    private static final FlightConfig CONFIG = ReplayRig.CONFIG;

    @TempDir
    Path dir;
    private Path log;

    @BeforeEach
    void writeLog() throws Exception {
        NodeScript.assumeAvailable(NodeScript.TEST_PEER, "node-mavlink");
        log = dir.resolve("gcs.tlog");
        NodeScript.run(NodeScript.TEST_PEER, "peer.mjs", "write-tlog", log.toString(), "--seconds", "20");
    }

    private static PidPolicy policy() {
        return ReplayRig.policy();
    }

    private LogReplayResult replay(Path file, int systemId, WhatIfComparison whatIf) throws Exception {
        TlogCensus census = TlogCensus.of(file);
        return TlogReplay.run(file, census, TlogVehicle.choose(census, systemId), CONFIG, policy(), true, null, null,
                whatIf);
    }

    private static String notes(LogReplayResult r) {
        return String.join("\n", r.notes());
    }

    @Test
    void aGroundStationLogOfAnotherSystemReplaysAsAWhatIf() throws Exception {
        WhatIfComparison whatIf = new WhatIfComparison(null);
        LogReplayResult r = replay(log, 0, whatIf);
        String notes = notes(r);
        assertTrue(notes.contains("vehicle: system 42, component 1, MAV_AUTOPILOT 3"), notes);
        assertTrue(notes.contains("3300 records over 20.0 s (20 MAVLink 1, 3260 signed; by link id 20/3280/0/0)"),
                notes);
        assertTrue(notes.contains("20 frames of messages the catalog does not know were counted and skipped (id "
                + "×count: 703710 ×20)"), notes);
        assertTrue(r.kind().startsWith("what-if"), r.kind());
        // 20 s at 100 Hz: a tick every 10 ms after the first record up to the last one (at 19.9825 s)
        assertEquals(1998, r.ticks(), notes);
        assertEquals(r.ticks(), whatIf.ticks());
        assertTrue(whatIf.ticksWithFlown() > 1990, "ATTITUDE_TARGET read: " + whatIf.ticksWithFlown());
        // the PID flies the logged POSITION_TARGET_LOCAL_NED, the circle the vehicle is on: its thrust is near the
        // hover thrust and close to the 0.45 the log's controller commanded
        WhatIfComparison.Stat thrust = whatIf.pidStats().get(0);
        assertTrue(Math.abs(thrust.mean()) < 0.15, "PID thrust against the flown 0.45: mean " + thrust.mean());
        assertFalse(r.identical());
    }

    @Test
    void aLogWithOnlyOdometryGivesTheWholeState() throws Exception {
        Path odometry = dir.resolve("odometry.tlog");
        NodeScript.run(NodeScript.TEST_PEER, "peer.mjs", "write-tlog", odometry.toString(), "--seconds", "5",
                "--odometry");
        TlogCensus census = TlogCensus.of(odometry);
        List<io.spikepilot.controller.record.TickRecord> ticks = new java.util.ArrayList<>();
        TlogReplay.run(odometry, census, TlogVehicle.choose(census, 0), CONFIG, policy(), true, null, r -> {
            io.spikepilot.controller.record.TickRecord copy = new io.spikepilot.controller.record.TickRecord();
            copy.copyFrom(r);
            ticks.add(copy);
        }, null);
        assertEquals(498, ticks.size());
        assertTrue(ticks.stream().allMatch(t -> t.stateReceived), "every tick read a whole state");
        // tick 99 runs at t = 1.00 s and reads the sample of t = 0.98 s (each is logged 1 ms after its time, at
        // 50 Hz): the circle's NED velocity then is (-2ω sin φ, 2ω cos φ), ω = 2π/20, φ = ωt; the log sent it in the
        // body frame, the assembler rotated it back; NWU flips the second and third axes
        io.spikepilot.controller.record.TickRecord t = ticks.get(99);
        double w = 2 * Math.PI / 20;
        double phase = w * 0.98;
        assertEquals(-2 * w * Math.sin(phase), t.stateVelocityNwuMps[0], 1e-5);
        assertEquals(-2 * w * Math.cos(phase), t.stateVelocityNwuMps[1], 1e-5);
        assertEquals(3.0, t.statePositionNwuM[2], 1e-6);
    }

    @Test
    void theSameFlightInMavlink1ReplaysToTheSameCommands() throws Exception {
        Path v1 = dir.resolve("v1.tlog");
        NodeScript.run(NodeScript.TEST_PEER, "peer.mjs", "write-tlog", v1.toString(), "--seconds", "20", "--v1");
        WhatIfComparison fromV1 = new WhatIfComparison(null);
        LogReplayResult r = replay(v1, 0, fromV1);
        // all but the message of id 703710, which only MAVLink 2 can carry
        assertTrue(notes(r).contains("3300 records over 20.0 s (3280 MAVLink 1, 0 signed"), notes(r));
        WhatIfComparison fromV2 = new WhatIfComparison(null);
        replay(log, 0, fromV2);
        for (int i = 0; i < fromV1.snnStats().size(); i++) {
            assertEquals(fromV2.snnStats().get(i).rms(), fromV1.snnStats().get(i).rms(),
                    fromV1.snnStats().get(i).name());
        }
    }

    @Test
    void theUserCanNameTheVehicleAndASystemWithoutStateIsRefused() throws Exception {
        assertEquals(42, TlogVehicle.choose(TlogCensus.of(log), 42).systemId());
        LogReplayException e = assertThrows(LogReplayException.class, () -> replay(log, 255, null));
        assertTrue(e.getMessage().contains("--system-id 255: that system sent no state message"), e.getMessage());
        assertTrue(e.getMessage().contains("state messages by system: 42: 2000, 255: 0"), e.getMessage());
    }

    @Test
    void aLogWithoutPositionNamesTheMissingMessages() throws Exception {
        Path noPosition = dir.resolve("no-position.tlog");
        NodeScript.run(NodeScript.TEST_PEER, "peer.mjs", "write-tlog", noPosition.toString(), "--seconds", "5",
                "--no-position");
        LogReplayException e = assertThrows(LogReplayException.class, () -> replay(noPosition, 0, null));
        assertTrue(e.getMessage().contains("system 42 lacks state messages the replay needs: expected "
                + "LOCAL_POSITION_NED or ODOMETRY (position and velocity), found none"), e.getMessage());
        assertTrue(e.getMessage().contains(noPosition.toString()), e.getMessage());
    }

    @Test
    void aTruncatedLogReplaysUpToTheCutAndSaysWhere() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        Path cut = Files.write(dir.resolve("cut.tlog"), Arrays.copyOf(bytes, bytes.length / 2 + 5));
        LogReplayResult r = replay(cut, 0, null);
        String notes = notes(r);
        assertTrue(notes.contains("truncated: the log ends in the middle of a record"), notes);
        assertTrue(notes.matches("(?s).*replayed up to the last whole record, at byte \\d+.*"), notes);
        assertTrue(r.ticks() > 900 && r.ticks() < 1100, r.ticks() + " ticks");
    }

    @Test
    void corruptBytesAreSkippedAndTheReplayGoesOn() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        int at = bytes.length / 2;
        Arrays.fill(bytes, at, at + 300, (byte) 0x5A);
        LogReplayResult r = replay(Files.write(dir.resolve("corrupt.tlog"), bytes), 0, null);
        String notes = notes(r);
        assertTrue(notes.matches("(?s).*corrupt: bytes \\d+\\.\\.\\d+ \\(\\d+\\) were not a record and were skipped; "
                + "replay went on at the next good record.*"), notes);
        assertEquals(1998, r.ticks(), "the whole flight is still replayed");
    }

    @Test
    void timeGoingBackwardsIsReportedNotFatal() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        // every record here is 8 bytes of time and a frame; move one record in the middle half a second back
        List<Long> starts = TlogOffsets.recordStarts(log);
        int record = (int) (long) starts.get(starts.size() / 2);
        long t = java.nio.ByteBuffer.wrap(bytes, record, 8).getLong();
        java.nio.ByteBuffer.wrap(bytes, record, 8).putLong(t - 500_000L);
        LogReplayResult r = replay(Files.write(dir.resolve("backwards.tlog"), bytes), 0, null);
        String notes = notes(r);
        // half a second before its own time, a little less before the latest record ahead of it
        assertTrue(notes.matches("(?s).*time went backwards 1 times \\(at byte " + record + " time went back "
                + "0\\.4\\d+ s\\).*"), notes);
        assertEquals(1998, r.ticks());
    }
}
