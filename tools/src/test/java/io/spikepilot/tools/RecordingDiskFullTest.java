package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.tlog.TlogWriter;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.flight.loop.LoopRunner;
import io.spikepilot.controller.loop.NanoClock;
import io.spikepilot.flight.loop.TickTimingRecorder;
import io.spikepilot.controller.record.DiskSpaceGuard;
import io.spikepilot.flight.record.RingDrainer;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.spikepilot.flight.SyntheticFlight;
import io.spikepilot.flight.record.TraceFileWriter;
import io.spikepilot.flight.record.HandOverNarrator;
import io.spikepilot.flight.record.LogFolder;

/**
 * Recording on a disk that fills up, on a real small file system (a tmpfs mounted for the test; the tests run as
 * root): recording stops and says so, the loop never does. Once through the disk-space guard's floor in a whole
 * {@code fly} against the virtual PX4, once through a real ENOSPC with the floor at zero.
 */
class RecordingDiskFullTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    @TempDir
    Path tmp;
    private Path mounted;

    /** A tmpfs of {@code kib} KiB at a fresh directory. */
    private Path smallDisk(int kib) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs (the tests need root for it): " + said);
        mounted = dir;
        return dir;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFlightWhoseDiskFillsFliesOnAndSaysWhereTheRecordingEnds() throws Exception {
        // 1.5 MiB with a 1 MiB floor: recording stops after about 0.5 MiB, some 4 s of flight at 125 kB/s
        Path disk = smallDisk(1536);
        Path config = tmp.resolve("flight.yaml");
        Files.writeString(config, Files.readString(EXAMPLE)
                .replace("stale_state_periods: 3", "stale_state_periods: 10")
                .replace("max_missed_ticks: 2", "max_missed_ticks: 10")
                .replace("min_free_mb: 100", "min_free_mb: 1"));
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            CommandLine cli = SpikepilotCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            status = cli.execute("fly", "--link", "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    "--policy", "pid", "--config", config.toString(), "--log-dir", disk.toString(),
                    "--duration", "10", "--warmup-ticks", "2000");
        }
        String summary = out.toString();
        assertEquals(0, status, err + summary);
        Matcher stopped = Pattern.compile("recording stopped [\\d.]+ s after the start: only (\\d+) KiB free on "
                + Pattern.quote(disk.toString()) + " \\(record.min_free_mb 1\\); the loop flew on \\((\\d+) ticks\\); "
                + "the trace ends at tick (\\d+)").matcher(summary);
        assertTrue(stopped.find(), summary);
        assertTrue(Long.parseLong(stopped.group(1)) < 1024, summary);
        long ticks = Long.parseLong(stopped.group(2));
        long traceEnd = Long.parseLong(stopped.group(3));
        // the flight went on for seconds after the recording stopped, to its landing
        assertTrue(ticks - traceEnd > 300, summary);
        assertTrue(summary.contains("flight over: " + ticks + " ticks"), summary);
        Path trace;
        try (var files = Files.list(disk)) {
            trace = files.filter(p -> p.toString().endsWith(".trace.csv")).findFirst().orElseThrow();
        }
        // what was recorded reads back, up to the last whole row
        RecordedTrace recorded = TraceReader.read(trace);
        assertTrue(recorded.rows().size() > 100, "rows " + recorded.rows().size());
        assertTrue(recorded.rows().get(recorded.rows().size() - 1).tick <= traceEnd);
    }

    @Test
    void aWriteThatFindsTheDiskFullStopsRecordingNotTheLoop() throws Exception {
        Path disk = smallDisk(192);
        List<String> said = new CopyOnWriteArrayList<>();
        // floor 0: only the file system's own ENOSPC can stop this recording
        DiskSpaceGuard guard = new DiskSpaceGuard(disk, 0, said::add);
        SyntheticFlight flight = new SyntheticFlight(100, 1, false);
        Path traceFile = disk.resolve("flight-20260101-000000.trace.csv");
        byte[] frame = new byte[63];
        frame[0] = (byte) 0xFD;
        long ticks = 300;
        LoopRunner runner;
        RingDrainer drainer;
        try (TlogWriter tlog = new TlogWriter(disk.resolve("flight-20260101-000000.tlog"), 1 << 16, guard);
             TraceFileWriter trace = new TraceFileWriter(traceFile, "test", "test",
                     new HandOverNarrator(FlightConfigFile.load(EXAMPLE).flight().supervisor()), guard)) {
            drainer = new RingDrainer(flight.ring(), trace, 5_000_000L);
            Thread logger = new Thread(drainer, "test-logger");
            logger.start();
            flight.engage();
            runner = new LoopRunner((now, deadline, missed, previous) -> {
                flight.updateState(now);
                flight.controller().tick(now, deadline, missed, previous);
                tlog.offer(1_700_000_000_000_000L, frame, 0, frame.length);
            }, flight.periodNs(), IdleStrategy.byName("park", 0), NanoClock.SYSTEM, TickTimingRecorder.NONE);
            runner.runFor(ticks);
            drainer.stop();
            logger.join(5_000);
        }
        assertEquals(ticks, runner.ticks(), "the loop ran every tick");
        assertEquals(0, runner.tickErrors());
        assertEquals(0, drainer.errors(), "no exception reached the logger thread: " + drainer.firstError());
        assertTrue(guard.stopReason() != null && guard.stopReason().contains("No space left on device"),
                String.valueOf(guard.stopReason()));
        assertEquals(1, said.size(), "said once: " + said);
        assertTrue(said.get(0).startsWith("recording stopped: writing " + disk), said.get(0));
        assertFalse(guard.mayWrite(System.nanoTime()), "the stop latches");
    }

    @Test
    void rotationDeletesTheOldestFlightsWholeAndNothingElse() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("flights"));
        for (String stem : List.of("flight-20260101-100000", "flight-20260102-100000", "flight-20260103-100000")) {
            Files.write(dir.resolve(stem + ".tlog"), new byte[1000]);
            Files.write(dir.resolve(stem + ".trace.csv"), new byte[3000]);
        }
        Files.write(dir.resolve("notes.txt"), new byte[5000]);
        List<Path> deleted = LogFolder.rotate(dir, 8500);
        assertEquals(List.of(dir.resolve("flight-20260101-100000.tlog"),
                dir.resolve("flight-20260101-100000.trace.csv")), deleted.stream().sorted().toList());
        assertTrue(Files.exists(dir.resolve("flight-20260102-100000.trace.csv")));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertEquals(List.of(), LogFolder.rotate(dir, 0), "0 keeps everything");
        assertEquals(4, LogFolder.rotate(dir, 1).size(), "a budget smaller than one flight deletes every flight");
    }
}
