package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.record.NetworkActivityCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikepilot report flight} and the report every replay writes, on a flight of the shipped fixed-point SNN
 * recorded in lockstep with the simulated X500 through {@code fly}'s loaders and trace writer.
 */
class ReportFlightCommandTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final String SHIPPED = "src/main/resources/policies/x500-attitude-bc-fixed.safetensors";

    @TempDir
    static Path dir;
    private static Path trace;

    @BeforeAll
    static void fly() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        trace = LockstepFlight.fly(EXAMPLE, SHIPPED, dir.resolve("run/flight-1.trace.csv"), 1200);
    }

    @Test
    void aRunFolderGetsItsReportWithEveryPanelOfASpikingFlight() throws Exception {
        assertTrue(Files.exists(NetworkActivityCsv.besideTrace(trace)), "the trace writer writes the activity");
        CliRun.Outcome o = CliRun.run("report", "flight", dir.resolve("run").toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(o.out().contains(dir.resolve("out/index.html") + " (1200 ticks, 13 panels, 0 problems)"),
                o.out());
        for (String png : new String[] {"raster.png", "raster-window.png", "firing-rate.png",
                "membranes.png", "modes.png"}) {
            assertTrue(Files.size(dir.resolve("out").resolve(png)) > 1000, png);
        }
        // the lockstep flight records a made-up tick duration of 150 µs and more, as the loop would measure
        assertTrue(Files.size(dir.resolve("out/tick-timing.png")) > 1000);
    }

    @Test
    void aReplayWritesTheReportOfTheReplayedTicks() throws Exception {
        Path report = dir.resolve("replay-report");
        CliRun.Outcome o = CliRun.run("replay", "--trace", trace.toString(), "--policy", SHIPPED, "--config",
                EXAMPLE.toString(), "--report", report.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("1200 ticks, bit-identical"), o.out());
        assertTrue(o.out().contains("flight report: " + report.resolve("index.html")), o.out());
        assertTrue(o.out().matches("(?s).*speed: 1[12]\\.\\d s of flight read in .*x real time in all.*"), o.out());
        assertTrue(Files.size(report.resolve("raster-window.png")) > 1000);
    }

    @Test
    void noReportIsWrittenWhenAskedNot() {
        CliRun.Outcome o = CliRun.run("replay", "--trace", trace.toString(), "--policy", SHIPPED, "--config",
                EXAMPLE.toString(), "--no-report");
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(!o.out().contains("flight report:"), o.out());
    }

    @Test
    void aFolderWithoutATraceIsBadInputNamingIt() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun.Outcome o = CliRun.run("report", "flight", empty.toString());
        assertEquals(2, o.status(), o.out() + o.err());
        assertTrue(o.err().contains(empty + ": expected a run folder holding a flight's *.trace.csv, found none"),
                o.err());
    }

    @Test
    void aTraceOfAnUnknownFormatIsBadInputNamingFileLineAndVersion() throws Exception {
        Path bad = dir.resolve("new.trace.csv");
        String text = Files.readString(trace);
        Files.writeString(bad, text.replaceFirst("format=3", "format=7"));
        CliRun.Outcome o = CliRun.run("report", "flight", bad.toString());
        assertEquals(2, o.status(), o.out() + o.err());
        assertTrue(o.err().contains(bad + ":1: format: expected version 2 to 3 (the ones this build replays), "
                + "found version 7"), o.err());
    }
}
