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

class EvaluateCommandTest {
    private static String[] run(int[] status, String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        status[0] = cli.execute(args);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void theShippedPoliciesFlyTheTestProtocolBesideTheGuide() throws Exception {
        Path dir = Files.createTempDirectory("evaluate");
        Path fixed = dir.resolve("fixed.safetensors");
        Path floating = dir.resolve("float.safetensors");
        try (var in = getClass().getResourceAsStream("/policies/x500-attitude-bc-fixed.safetensors")) {
            Files.copy(in, fixed);
        }
        try (var in = getClass().getResourceAsStream("/policies/x500-attitude-bc.safetensors")) {
            Files.copy(in, floating);
        }
        int[] status = new int[1];
        String[] o = run(status, "evaluate", "--policy", floating.toString(), "--policy", fixed.toString(),
                "--episodes", "3");
        assertEquals(0, status[0], o[1]);
        assertTrue(o[0].contains("task x500-attitude, 3 episodes from eval seed 20251028"), o[0]);
        String[] lines = o[0].split("\n");
        assertEquals(5, lines.length, o[0]);
        assertTrue(lines[2].startsWith("guide alone"), lines[2]);
        assertTrue(lines[3].startsWith("float.safetensors (float_snn)") && lines[4].startsWith("fixed.safetensors"),
                o[0]);
        // the guide keeps every one of these companion-sized starts in the box for the whole episode
        assertTrue(lines[2].contains("500.0") && lines[2].contains("0/3"), lines[2]);
    }

    @Test
    void aMissingFileOrAnotherActionSpaceExitsTwoNamingIt(@TempDir Path dir) throws Exception {
        int[] status = new int[1];
        String[] o = run(status, "evaluate", "--policy", dir.resolve("nope.safetensors").toString());
        assertEquals(2, status[0]);
        assertTrue(o[1].contains("nope.safetensors"), o[1]);
        Path fixed = dir.resolve("fixed.safetensors");
        try (var in = getClass().getResourceAsStream("/policies/x500-attitude-bc-fixed.safetensors")) {
            Files.copy(in, fixed);
        }
        o = run(status, "evaluate", "--policy", fixed.toString(), "--task", "crazyflie-motors");
        assertEquals(2, status[0]);
        assertTrue(o[1].contains("field 'action_space' expected motors (task crazyflie-motors), found attitude"),
                o[1]);
        assertFalse(o[1].contains("Exception"), o[1]);
    }
}
