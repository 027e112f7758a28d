package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCheckCommandTest {
    @Test
    void checkPassesOnTheBundledAirframes() {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("sim", "check", "--speed-ms", "30"));
        String text = out.toString();
        assertTrue(text.contains("0.2690 vs 0.2649 N"), text);
        assertTrue(text.contains("+0.155 m/s²"), text);
        assertTrue(text.contains("0.0720 s"), text);
        assertTrue(text.contains("All 10 checks passed."), text);
    }

    @Test
    void unknownAirframeIsReportedWithStatus2() {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("sim", "check", "--airframe", "x400", "--speed-ms", "30"));
        assertTrue(err.toString().contains("expected one of [crazyflie, x500]"), err.toString());
    }
}
