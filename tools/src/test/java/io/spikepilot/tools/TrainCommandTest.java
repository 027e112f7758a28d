package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @Test
    void bcRunWritesLogCurvesConfigAndAPolicyWithProvenance(@TempDir Path dir) throws Exception {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int status = cli.execute("train", "bc", "--episodes", "6", "--hidden", "16,8", "--epochs", "3", "--batch",
                "10", "--eval-every", "3", "--eval-episodes", "2", "--seed", "9", "--threads", "1", "--out",
                dir.toString());
        assertEquals(0, status, out.toString());
        assertEquals(1 + 3, Files.readAllLines(dir.resolve("log.csv")).size());
        assertTrue(Files.size(dir.resolve("learning-curve.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("config.txt")).contains("seed=9"));
        LoadedPolicy policy = PolicyFile.load(dir.resolve("policy.safetensors"));
        assertEquals(9, policy.metadata().provenance().seed());
        assertTrue(policy.metadata().provenance().command().startsWith("spikepilot train bc --episodes 6"),
                policy.metadata().provenance().command());
        assertEquals("attitude", policy.metadata().actionSpace().id());
        assertEquals("16,8", policy.metadata().notes().get("bc.hidden"));
    }

    @Test
    void aBadSlopeScheduleIsRejectedBeforeAnyWork(@TempDir Path dir) {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("train", "bc", "--slope", "steep:3", "--out", dir.toString());
        assertTrue(status != 0);
        assertTrue(err.toString().contains("slope schedule 'steep:3': unknown kind 'steep'"), err.toString());
        assertTrue(!Files.exists(dir.resolve("log.csv")));
    }
}
