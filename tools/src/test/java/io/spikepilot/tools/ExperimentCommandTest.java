package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExperimentCommandTest {
    private static String[] run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void aDryRunListsEveryRunWithWhatItWouldDoAndStartsNothing(@TempDir Path dir) {
        String[] o = run("experiment", "ablation", "--seeds", "2", "--budget", "small", "--dry-run", "--out",
                dir.toString());
        assertEquals("0", o[0], o[1] + o[2]);
        assertTrue(o[1].contains("8 runs"), o[1]);
        assertTrue(o[1].contains("jsrl_bc-off_js-off_seed2") && o[1].contains("fresh"), o[1]);
        assertFalse(Files.exists(dir.resolve("index.csv")));
    }

    @Test
    void anUnknownExperimentOrBudgetExitsTwo(@TempDir Path dir) {
        String[] o = run("experiment", "slopes-typo", "--out", dir.toString());
        assertEquals("2", o[0]);
        assertTrue(o[2].contains("expected one of [comparison, ablation]"), o[2]);
        o = run("experiment", "comparison", "--budget", "huge", "--out", dir.toString());
        assertEquals("2", o[0]);
        assertTrue(o[2].contains("budget"), o[2]);
    }
}
