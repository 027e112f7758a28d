package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.bridge.tlog.TlogReader;
import io.spikepilot.bridge.tlog.TlogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The README's main command, end to end in real time: the mission against the virtual PX4 (and, with
 * {@code --autopilot ardupilot}, the virtual ArduCopter in GUIDED_NOGPS) over UDP with the embedded MQTT broker.
 * Flown with the position PID behind the policy interface so the test does not depend on a trained network; the
 * shipped policy's flight is exercised by running the demo itself.
 */
class DemoCommandTest {
    @ParameterizedTest(name = "--autopilot {0}")
    @ValueSource(strings = {"px4", "ardupilot"})
    void missionIsFlownTheFaultIsCaughtAndEverythingIsRecorded(String autopilot, @TempDir Path dir)
            throws Exception {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("demo", "--policy", "pid", "--out", dir.toString(), "--mqtt-port", "0",
                "--warmup-ticks", "5000", "--autopilot", autopilot);
        String console = out.toString();
        assertEquals(0, status, console + err);
        assertTrue(console.contains(autopilot.equals("px4") ? "virtual PX4-like autopilot"
                : "virtual ArduCopter-like autopilot"), console);
        assertTrue(console.contains("INJECT_FAULT"), console);
        assertTrue(console.contains("landed; disarming"), console);
        // one number of ticks per flight: the flight's summary and the report's agree
        java.util.regex.Matcher flown = java.util.regex.Pattern.compile("flight over: (\\d+) ticks").matcher(console);
        java.util.regex.Matcher reported = java.util.regex.Pattern.compile("(?m)^(\\d+) ticks; time per mode")
                .matcher(console);
        assertTrue(flown.find() && reported.find(), console);
        assertEquals(flown.group(1), reported.group(1), console);
        // one take-off height: the shipped config's, in the narration as in the log
        assertTrue(console.contains("take-off on the PID to (0.0, 0.0, 1.0) m NWU"), console);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| SNN | PID | POLICY_NON_FINITE"), report);
        Path trace;
        try (Stream<Path> files = Files.list(dir)) {
            trace = files.filter(p -> p.toString().endsWith(".trace.csv")).findFirst().orElseThrow();
        }
        // the flight report beside the trace, its panels linked from report.md; the PID policy has no spikes
        Path flightReport = io.spikepilot.report.flight.FlightReport.besideTrace(trace);
        assertTrue(console.contains("flight report: " + flightReport.resolve("index.html")), console);
        for (String plot : new String[] {"path.png", "height.png", "error.png", "modes.png", "thrust.png",
                "tick-timing.png"}) {
            assertTrue(Files.size(flightReport.resolve(plot)) > 1000, plot);
            assertTrue(report.contains("](" + flightReport.getFileName() + "/" + plot + ")"), report);
        }
        assertTrue(Files.readString(flightReport.resolve("index.html")).contains("Spike raster, whole flight: the "
                + "policy flown has no spiking layers"));
        Path tlog;
        try (Stream<Path> files = Files.list(dir)) {
            tlog = files.filter(p -> p.toString().endsWith(".tlog")).findFirst().orElseThrow();
        }
        long frames = 0;
        try (TlogReader reader = TlogReader.open(tlog)) {
            TlogRecord record = new TlogRecord();
            while (reader.next(record)) {
                frames++;
            }
        }
        assertTrue(frames > 5_000, "frames in the tlog: " + frames);
    }
}
