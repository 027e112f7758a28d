package io.spikepilot.bridge.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.ulog.NodeScript;
import io.spikepilot.bridge.ulog.UlogReader;
import io.spikepilot.bridge.ulog.UlogSample;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.replay.WhatIfComparison;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What-if replay of PX4 ULogs: a written one, damaged ones, and real ones where they are shared. */
class UlogReplayTest {
    private static final FlightConfig CONFIG = ReplayRig.CONFIG;
    private static final Path REAL_SAMPLES = Paths.get(System.getProperty("spikepilot.ulog.samples",
            Paths.get("..", "..", "shared", "ulog-samples").toString())).toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path log;

    @BeforeEach
    void writeLog() throws Exception {
        log = NodeScript.writeUlog(dir.resolve("flight.ulg"), "--seconds", "20", "--seed", "9");
    }

    private static LogReplayResult replay(Path file, WhatIfComparison whatIf) throws Exception {
        return UlogReplay.run(file, CONFIG, ReplayRig.policy(), true,
                null, whatIf);
    }

    @Test
    void aPx4FlightIsSetAgainstWhatPx4Flew() throws Exception {
        WhatIfComparison whatIf = new WhatIfComparison(null);
        LogReplayResult r = replay(log, whatIf);
        String notes = String.join("\n", r.notes());
        assertTrue(r.ticks() >= 1995 && r.ticks() <= 2000, r.ticks() + " ticks");
        assertTrue(notes.contains("vehicle_attitude has instances [0, 1]: instance 0 replayed"), notes);
        assertFalse(notes.contains("holds the position"), "the trajectory_setpoint is the target: " + notes);
        assertFalse(notes.contains("no vehicle_angular_velocity"), notes);
        assertEquals(r.ticks(), whatIf.ticksWithFlown() + (r.ticks() - whatIf.ticksWithFlown()));
        assertTrue(whatIf.ticksWithFlown() >= r.ticks() - 1, whatIf.ticksWithFlown() + " with PX4's command");
        // PX4's attitude setpoint is the flight's own attitude: the PID, flying the same trajectory, commands a yaw
        // within a few degrees of it once airborne and following the circle
        WhatIfComparison.Stat yaw = whatIf.pidStats().get(3);
        assertTrue(yaw.rms() < 0.2, "PID yaw against PX4's: rms " + yaw.rms());
    }

    @Test
    void timeGoingBackwardsIsReportedNotFatal() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        long offset = -1;
        try (UlogReader reader = UlogReader.open(log)) {
            UlogSample s = new UlogSample();
            int seen = 0;
            while (reader.next(s)) {
                if (s.topic().name().equals("vehicle_local_position") && ++seen == 500) {
                    offset = s.fileOffset();
                    break;
                }
            }
        }
        // message header (3 bytes) and msg_id (2), then the uint64 timestamp: two seconds back, 1.98 s before the
        // sample ahead of it (20 ms earlier)
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) offset + 5;
        b.putLong(at, b.getLong(at) - 2_000_000L);
        LogReplayResult r = replay(Files.write(dir.resolve("back.ulg"), bytes), null);
        String notes = String.join("\n", r.notes());
        assertTrue(notes.contains("time went backwards 1 times (vehicle_local_position at byte " + offset
                + " went back 1.9"), notes);
        assertTrue(r.ticks() >= 1995, r.ticks() + " ticks: the replay went on");
    }

    @Test
    void aTruncatedLogReplaysUpToTheCut() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        LogReplayResult r = replay(Files.write(dir.resolve("cut.ulg"), Arrays.copyOf(bytes, bytes.length / 2)),
                null);
        String notes = String.join("\n", r.notes());
        assertTrue(notes.matches("(?s).*stopped: the log ends inside a 'D' message at byte \\d+ .*; replayed up to "
                + "there.*"), notes);
        assertTrue(r.ticks() > 900 && r.ticks() < 1100, r.ticks() + " ticks");
    }

    @Test
    void realPx4LogsReplayWhereShared() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(REAL_SAMPLES), "no real PX4 logs at " + REAL_SAMPLES);
        List<Path> logs;
        try (Stream<Path> s = Files.list(REAL_SAMPLES)) {
            logs = s.filter(p -> p.toString().endsWith(".ulg")).sorted().toList();
        }
        for (Path real : logs) {
            WhatIfComparison whatIf = new WhatIfComparison(null);
            LogReplayResult r = replay(real, whatIf);
            assertTrue(r.ticks() > 100, real + ": " + r.ticks() + " ticks");
            assertTrue(whatIf.ticksWithFlown() > 0, real + ": PX4's attitude setpoint read");
        }
    }
}
