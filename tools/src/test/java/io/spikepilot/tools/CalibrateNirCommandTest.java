package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.snn.ResetRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CalibrateNirCommandTest {
    /** The NIR fixtures of the calibration module (written by src/reference/make_nir_fixtures.py). */
    static final Path FIXTURES = Paths.get("..", "calibration", "src", "test", "resources", "io", "spikepilot",
            "calibration", "nir");

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void importsAnSnnTorchGraphAsAFloatPolicyWithTheDeclaredReset() throws Exception {
        Path out = dir.resolve("imported.safetensors");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "calibrate", "nir", "--in", FIXTURES.resolve("snntorch_leaky.nir").toString(),
                "--out", out.toString(), "--dt", "1e-4", "--reset", "snntorch", "--action-space", "motors",
                "--airframe", "crazyflie");
        assertEquals(0, code, stderr.toString());
        LoadedPolicy p = PolicyFile.load(out);
        assertEquals(ResetRule.SUBTRACT_DELAYED, p.resetRule());
        assertEquals(10_000.0, p.metadata().controlRateHz());
        assertTrue(p.metadata().notes().get("nir_import_0").startsWith("NIR 1.0.0"), p.metadata().notes().toString());
        assertTrue(stdout.toString().contains("sha256=" + p.sha256()), stdout.toString());
    }

    @Test
    void refusedGraphExitsWithStatus2AndTheReason() {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "calibrate", "nir", "--in", FIXTURES.resolve("cuba_synaptic.nir").toString(),
                "--out", dir.resolve("x").toString(), "--dt", "1e-3", "--action-space", "motors",
                "--airframe", "crazyflie");
        assertEquals(2, code);
        assertTrue(stderr.toString().contains("the runtime's LIF has no synaptic state"), stderr.toString());
    }

    @Test
    void calibrateWithoutPolicyExplainsWhatIsMissing() {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "calibrate", "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(stderr.toString().startsWith("spikepilot calibrate: --policy and --out: expected both, found no "
                + "--policy"), stderr.toString());
    }
}
