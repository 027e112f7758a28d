package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SpikepilotCliTest {
    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(args));
        return out.toString();
    }

    @Test
    void helpListsTheProgramAndItsDescription() {
        String help = run(SpikepilotCli.commandLine(), "--help");
        assertTrue(help.contains("Usage: spikepilot"), help);
        assertTrue(help.contains("spiking neural"), help);
    }

    @Test
    void versionNamesTheProjectVersion() {
        String version = run(SpikepilotCli.commandLine(), "--version");
        assertTrue(version.startsWith("spikepilot 0."), version);
    }
}
