package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.tools.bench.SoakSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's short version: 40 s of real flight against the virtual PX4 (a child process) with telemetry to the
 * embedded broker. The control thread's allocation over the steady flight is a hard 0; missed ticks get a bound a
 * loaded CI machine keeps (the 30-minute figures are in BENCHMARKS.md).
 */
class BenchSoakCommandTest {
    private static final Pattern MACHINE_LINE = Pattern.compile("steady_ticks=(\\d+) steady_missed=(\\d+) "
            + "steady_bytes=(-?\\d+) gc_pauses_in_flight=(\\d+) landed=(true|false)");

    @Test
    void aShortSoakFliesLandsAndAllocatesNothingOnTheControlThread(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("soak");
        CliRun.Outcome o = CliRun.run("bench", "soak", "--minutes", "0.75", "--out", out.toString(),
                "--progress-every", "5");
        assertEquals(0, o.status(), o.out() + o.err());
        String summary = Files.readString(out.resolve("summary.txt"));
        Matcher m = MACHINE_LINE.matcher(summary);
        assertTrue(m.find(), summary);
        long ticks = Long.parseLong(m.group(1));
        long missed = Long.parseLong(m.group(2));
        long bytes = Long.parseLong(m.group(3));
        assertEquals("true", m.group(5), summary);
        // the steady window runs from 20 s after the take-off to the landing command: about 25 s at 100 Hz
        assertTrue(ticks >= 1_500, summary);
        assertEquals(0, bytes, "the control thread allocated during the steady flight: " + summary);
        assertTrue(missed <= ticks / 20, "more than 5 % of the ticks missed: " + summary);
        assertTrue(o.out().contains("soak 0:"), "a progress line: " + o.out());

        List<String> csv = Files.readAllLines(out.resolve("soak.csv"));
        assertEquals(SoakSample.CSV_HEADER, csv.get(0));
        assertTrue(csv.size() > 40, "a row a second: " + csv.size());
        assertTrue(csv.stream().anyMatch(r -> r.contains(",SNN,")), "the SNN flew");
        assertTrue(Files.readString(out.resolve("broker.log")).contains(SimBrokerCommand.LISTENING),
                "the telemetry's broker ran as a child process");
        assertTrue(o.out().contains("(sim broker, child process "), o.out());
        assertTrue(Pattern.compile("telemetry: [1-9]\\d* samples published").matcher(summary).find(), summary);
        assertEquals("jvm_uptime_ms,duration_ms,collector,action,cause",
                Files.readAllLines(out.resolve("gc.csv")).get(0));
    }
}
