package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real thing: {@code spikepilot fly} against the virtual PX4 over MAVLink/UDP (loop thread on the monotonic
 * clock, link reader, logger thread), then {@code spikepilot replay} of its trace: every tick bit-identical.
 */
class ReplayOfVirtualPx4FlightTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void aFlownTraceReplaysBitIdentically(@TempDir Path dir) throws Exception {
        // the shared-CI-friendly watchdog of the fly tests, so a slow machine still reaches the SNN
        Path config = dir.resolve("flight.yaml");
        Files.writeString(config, Files.readString(EXAMPLE)
                .replace("stale_state_periods: 3", "stale_state_periods: 10")
                .replace("max_missed_ticks: 2", "max_missed_ticks: 10")
                .replace("warmup_ticks: 100", "warmup_ticks: 50")
                .replace("agreement_ticks: 25", "agreement_ticks: 10"));
        Airframe x500 = Airframes.x500();
        int vfcPort = freePort();
        int companionPort = freePort();
        VfcConfig vfcConfig = VfcConfig.px4Defaults()
                .withLink("udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort);
        String[] flown;
        // 8 s, not 4: the hand-over now waits for the take-off hover to measure the hover thrust (≈ 4 s after start
        // on a quiet machine), and a loaded CI machine needs the margin for the SNN to take over at all
        try (VirtualFlightController vfc = new VirtualFlightController(vfcConfig, x500,
                EnvConfig.defaultAttitudeLimits(x500))) {
            flown = run("fly", "--link", "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort,
                    "--policy", "pid", "--config", config.toString(), "--log-dir", dir.toString(),
                    "--engage-snn-after", "2", "--duration", "8", "--warmup-ticks", "2000");
        }
        assertEquals("0", flown[0], flown[2] + flown[1]);
        Path trace;
        try (var files = Files.list(dir)) {
            trace = files.filter(p -> p.toString().endsWith(".trace.csv")).findFirst().orElseThrow();
        }
        List<String> rows = Files.readAllLines(trace);
        assertTrue(rows.stream().anyMatch(row -> row.contains(",SNN,PID,1,")), "the SNN channel took over");

        String[] replayed = run("replay", "--trace", trace.toString(), "--policy", "pid", "--config",
                config.toString());
        assertEquals("0", replayed[0], replayed[2] + replayed[1]);
        assertTrue(replayed[1].contains((rows.size() - 2) + " ticks, bit-identical"), replayed[1]);

        // the same flight from its .tlog: the state rebuilt from the logged LOCAL_POSITION_NED and
        // ATTITUDE_QUATERNION, the trace found beside it for the operator's inputs, every logged
        // SET_ATTITUDE_TARGET of ours compared on its bits
        Path tlog = Path.of(trace.toString().replace(".trace.csv", ".tlog"));
        Path runDir = dir.resolve("replay-of-tlog");
        String[] fromTlog = run("replay", "--tlog", tlog.toString(), "--policy", "pid", "--config",
                config.toString(), "--run-dir", runDir.toString());
        assertEquals("0", fromTlog[0], fromTlog[2] + fromTlog[1]);
        assertTrue(fromTlog[1].contains("our SET_ATTITUDE_TARGET from system 1, component 191: checked bit for bit"),
                fromTlog[1]);
        assertTrue(fromTlog[1].contains("against the trace: " + (rows.size() - 2) + " ticks, bit-identical"),
                fromTlog[1]);
        assertTrue(fromTlog[1].matches("(?s).*\\n\\d+ logged SET_ATTITUDE_TARGET compared, bit-identical\\n.*"),
                fromTlog[1]);
        List<String> replayedRows = Files.readAllLines(runDir.resolve(LogReplayRun.TRACE_FILE));
        assertEquals(rows.size(), replayedRows.size(), "the replayed trace has a row per tick");
        assertEquals(rows.size() - 1, Files.readAllLines(runDir.resolve(LogReplayRun.WHAT_IF_FILE)).size());

        // cut the .tlog in half: the replay stops where the log does, says so, and what it replayed still matches
        Path half = dir.resolve("half").resolve(tlog.getFileName());
        Files.createDirectories(half.getParent());
        byte[] bytes = Files.readAllBytes(tlog);
        Files.write(half, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 3));
        Files.copy(trace, half.resolveSibling(trace.getFileName()));
        String[] cut = run("replay", "--tlog", half.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals("0", cut[0], cut[2] + cut[1]);
        assertTrue(cut[1].contains("truncated: the log ends in the middle of a record"), cut[1]);
        assertTrue(cut[1].matches("(?s).*the \\.tlog ends before tick \\d+ of the trace's " + (rows.size() - 2)
                + " \\(\\d+ records, cut at byte \\d+\\): replayed up to there.*"), cut[1]);

        // without the trace the operator's commands are unknown: not a bit-for-bit replay, and it says why
        Files.delete(half.resolveSibling(trace.getFileName()));
        String[] alone = run("replay", "--tlog", half.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals("1", alone[0], alone[2] + alone[1]);
        assertTrue(alone[1].contains("our own flight without its trace"), alone[1]);
    }
}
