package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikepilot replay --ulog} on a log written by the independent ULog writer (src/ulog-check): the run folder
 * holds the replayed ticks in the trace format, the what-if table and the summary; bad input exits 2 naming it.
 */
class ReplayUlogCommandTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final Path ULOG_CHECK = Paths.get("..", "src", "ulog-check").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CliRun.Outcome o = CliRun.run(args);
        return new String[] {Integer.toString(o.status()), o.out(), o.err()};
    }

    private Path writeUlog(String name, String... extra) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ULOG_CHECK.resolve("node_modules").resolve("@foxglove")),
                "@foxglove/ulog is not installed: run 'npm ci' in " + ULOG_CHECK);
        Path file = dir.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("node", "write-ulog.mjs", file.toString()));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).directory(ULOG_CHECK.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "write-ulog.mjs failed");
        return file;
    }

    @Test
    void aPx4FlightReplaysAsAWhatIfIntoARunFolder() throws Exception {
        Path log = writeUlog("flight.ulg", "--seconds", "30", "--seed", "5");
        Path runDir = dir.resolve("run");
        String[] r = run("replay", "--ulog", log.toString(), "--policy", "pid", "--config", EXAMPLE.toString(),
                "--run-dir", runDir.toString());
        assertEquals("0", r[0], r[2] + r[1]);
        assertTrue(r[1].contains("what-if: a flight flown by PX4, ticked at the configuration's 100 Hz"), r[1]);
        assertTrue(r[1].contains("vehicle_attitude has instances [0, 1]: instance 0 replayed, the others skipped"),
                r[1]);
        // 30 s at 100 Hz
        assertTrue(r[1].matches("(?s).*\\n(299\\d|300\\d) ticks \\(.*"), r[1]);
        assertTrue(r[1].contains("snn_thrust"), r[1]);
        List<String> trace = Files.readAllLines(runDir.resolve(LogReplayRun.TRACE_FILE));
        assertTrue(trace.get(0).startsWith("#spikepilot-trace format="), trace.get(0));
        List<String> whatIf = Files.readAllLines(runDir.resolve(LogReplayRun.WHAT_IF_FILE));
        assertEquals(trace.size() - 1, whatIf.size(), "a what-if row per replayed tick");
        assertTrue(whatIf.get(0).startsWith("tick,time_s,mode,snn_thrust"), whatIf.get(0));
        // PX4 flew a circle at 0.5 thrust / cos(tilt): by the end every row has PX4's command beside ours
        String last = whatIf.get(whatIf.size() - 1);
        assertTrue(last.split(",", -1)[13].startsWith("0.5"), last);
        assertTrue(Files.readString(runDir.resolve(LogReplayRun.SUMMARY_FILE)).contains("snn_thrust"));
        // the flight report of the replayed ticks, in the run folder
        Path page = runDir.resolve("report").resolve("index.html");
        assertTrue(r[1].contains("flight report: " + page), r[1]);
        assertTrue(Files.readString(page).contains("path.png"), "the page shows the path seen from above");
        assertTrue(Files.size(runDir.resolve("report").resolve("path.png")) > 1000, "the path panel is drawn");
    }

    @Test
    void aULogOfAnUnknownVersionIsRefusedByNumber() throws Exception {
        Path log = writeUlog("v9.ulg", "--seconds", "2", "--version", "9");
        String[] r = run("replay", "--ulog", log.toString(), "--policy", "pid", "--config", EXAMPLE.toString());
        assertEquals("2", r[0], r[2] + r[1]);
        assertTrue(r[2].contains("ULog version 9 (header byte 7)"), r[2]);
    }

    @Test
    void aULogWithoutStateNamesTheMissingTopics() throws Exception {
        Path log = dir.resolve("empty.ulg");
        byte[] header = {'U', 'L', 'o', 'g', 0x01, 0x12, 0x35, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        Files.write(log, header);
        String[] r = run("replay", "--ulog", log.toString(), "--policy", "pid", "--config", EXAMPLE.toString());
        assertEquals("2", r[0], r[2] + r[1]);
        assertTrue(r[2].contains("expected vehicle_local_position (position and velocity) and vehicle_attitude "
                + "(attitude), found no data at all"), r[2]);
    }

    @Test
    void oneFlightAtATime() {
        String[] r = run("replay", "--ulog", "a.ulg", "--tlog", "b.tlog", "--policy", "pid", "--config",
                EXAMPLE.toString());
        assertEquals("2", r[0], r[2] + r[1]);
    }
}
