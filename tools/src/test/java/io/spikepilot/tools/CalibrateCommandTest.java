package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.NetworkKind;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.ResetRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CalibrateCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesAFixedPointPolicyAndPrintsTheReport() throws Exception {
        Path in = dir.resolve("float.safetensors");
        PolicyFile.write(in, PaperInit.network(new int[] {18, 32, 16, 4}, 3, ResetRule.SUBTRACT_DELAYED),
                new PolicyMetadata(100, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS, "throttle=(a+1)/2",
                        "crazyflie", new PolicyMetadata.Provenance("test", 3, "none"), Map.of()));
        Path out = dir.resolve("fixed.safetensors");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "calibrate", "--policy", in.toString(), "--out", out.toString(),
                "--episodes", "2");
        assertEquals(0, code, stderr.toString());
        LoadedPolicy fixed = PolicyFile.load(out);
        assertEquals(NetworkKind.FIXED_SNN, fixed.kind());
        assertTrue(stdout.toString().contains("hidden layer 1: spike agreement"), stdout.toString());
        assertTrue(stdout.toString().contains("sha256=" + fixed.sha256()), stdout.toString());
    }

    @Test
    void fixedFileNamesTheCalibrationCommandSeedAndCommitAndTheFloatFileItCameFrom() throws Exception {
        Path in = dir.resolve("float.safetensors");
        PolicyFile.write(in, PaperInit.network(new int[] {18, 16, 8, 4}, 4, ResetRule.SUBTRACT_DELAYED),
                new PolicyMetadata(100, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS, "throttle=(a+1)/2",
                        "crazyflie", new PolicyMetadata.Provenance("train elsewhere", 4, "f1f1f1"), Map.of()));
        Path out = dir.resolve("fixed.safetensors");
        StringWriter stderr = new StringWriter();
        int code = run(new StringWriter(), stderr, "calibrate", "--policy", in.toString(), "--out", out.toString(),
                "--episodes", "1", "--seed", "5");
        assertEquals(0, code, stderr.toString());

        PolicyMetadata fixed = PolicyFile.load(out).metadata();
        assertEquals("spikepilot calibrate --policy " + in + " --out " + out + " --weight-bits 16 --episodes 1 "
                + "--seed 5 --input-headroom 2.0 --membrane-headroom 2.0", fixed.provenance().command());
        assertEquals(5, fixed.provenance().seed());
        // the calibrator's own checkout, not the float network's training commit
        assertEquals(GitCommit.current(), fixed.provenance().commit());
        assertEquals(PolicyFile.load(in).sha256(), fixed.notes().get("source_sha256"));
        assertEquals("f1f1f1", fixed.notes().get("source_provenance_commit"));
        assertEquals("train elsewhere", fixed.notes().get("source_provenance_command"));
    }

    @Test
    void corruptPolicyExitsWithStatus2AndNamesTheFile() throws Exception {
        Path in = dir.resolve("broken.safetensors");
        Files.write(in, new byte[] {1, 2, 3});
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "calibrate", "--policy", in.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertEquals("spikepilot calibrate: " + in + ": field 'header length': expected 8 bytes, found 3 bytes "
                + "(truncated file)", stderr.toString().trim());
    }
}
