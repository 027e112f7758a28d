package io.spikepilot.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.FlightExpectation;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.NetworkKind;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationRunTest {
    static final int[] PAPER = {18, 256, 128, 4};

    static LoadedPolicy floatPolicy(long seed, ActionSpace space, String airframe) throws Exception {
        SnnNetwork net = PaperInit.network(PAPER, seed, ResetRule.SUBTRACT_DELAYED);
        PolicyMetadata md = new PolicyMetadata(100, ObservationBuilder.LAYOUT_ID, space, "default limits", airframe,
                new PolicyMetadata.Provenance("PaperInit.network(18-256-128-4, " + seed + ")", seed, "test"), Map.of());
        return PolicyFile.read(PolicyFile.toBytes(net, md), "float-" + seed + ".safetensors");
    }

    static final CalibrationOptions FAST = new CalibrationOptions(16, 2, 2, 24, 4, 4, 7);

    @Test
    void fixedPolicyFollowsTheFloatPolicyInTheSimulator() throws Exception {
        CalibrationRun.Result r = CalibrationRun.run(floatPolicy(1, ActionSpace.MOTORS, "crazyflie"), FAST, "test",
                "test-commit");
        EquivalenceReport rep = r.report();
        for (double a : rep.spikeAgreement()) {
            assertTrue(a >= 0.995, rep.format());
        }
        assertTrue(rep.actionRmse() <= 0.05, rep.format());
        assertTrue(rep.returnDifferencePercent() <= 5.0, rep.format());
        // evaluation flights leave the calibrated ranges now and then (a random policy crashes fast); those inputs
        // clamp and are counted, far below one per step
        assertTrue(rep.saturationEvents() < rep.openLoopSteps() / 2, rep.format());
        assertEquals(4, rep.episodes());
        assertEquals(7 + CalibrationOptions.EVALUATION_SEED_OFFSET, rep.firstSeed());
    }

    @Test
    void attitudeActionSpaceCalibratesOnTheX500() throws Exception {
        CalibrationRun.Result r = CalibrationRun.run(floatPolicy(2, ActionSpace.ATTITUDE, "x500"), FAST, "test",
                "test-commit");
        assertTrue(r.report().openLoopSteps() > 0);
        assertEquals(ActionSpace.ATTITUDE, r.metadata().actionSpace());
    }

    @Test
    void writtenFixedPolicyLoadsAndPassesThePreflightCheck() throws Exception {
        LoadedPolicy in = floatPolicy(3, ActionSpace.MOTORS, "crazyflie");
        CalibrationRun.Result r = CalibrationRun.run(in, FAST, "spikepilot calibrate --policy float-3.safetensors",
                "test-commit");
        LoadedPolicy out = PolicyFile.read(PolicyFile.toBytes(r.network(), r.metadata()), "fixed.safetensors");
        assertEquals(NetworkKind.FIXED_SNN, out.kind());
        new FlightExpectation(100, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS).require(out);
        assertEquals("float-3.safetensors sha256=" + in.sha256(), out.metadata().notes().get("calibrated_from"));
        assertTrue(out.metadata().notes().get("calibration").startsWith("spike_agreement="));
        assertEquals("spikepilot calibrate --policy float-3.safetensors", out.metadata().provenance().command());
    }

    @Test
    void fixedPolicyRecordsTheCalibrationAsItsProvenanceAndKeepsTheSourcesApart() throws Exception {
        LoadedPolicy in = floatPolicy(6, ActionSpace.MOTORS, "crazyflie");
        CalibrationOptions options = new CalibrationOptions(16, 2, 2, 24, 2, 3, 42);
        String command = "spikepilot calibrate --policy float-6.safetensors --out fixed.safetensors --seed 42";
        CalibrationRun.Result r = CalibrationRun.run(in, options, command, "0123abcd");
        PolicyMetadata out = PolicyFile.read(PolicyFile.toBytes(r.network(), r.metadata()), "fixed.safetensors")
                .metadata();

        assertEquals(new PolicyMetadata.Provenance(command, 42, "0123abcd"), out.provenance());
        assertEquals(in.sha256(), out.notes().get("source_sha256"));
        assertEquals("PaperInit.network(18-256-128-4, 6)", out.notes().get("source_provenance_command"));
        assertEquals("6", out.notes().get("source_provenance_seed"));
        assertEquals("test", out.notes().get("source_provenance_commit"));
        assertEquals("42..43 (calibration episodes), 1000042..1000044 (evaluation episodes)",
                out.notes().get("calibration_seeds"));
    }

    @Test
    void fixedPolicyAsInputIsRefused() throws Exception {
        CalibrationRun.Result r = CalibrationRun.run(floatPolicy(4, ActionSpace.MOTORS, "crazyflie"), FAST, "t",
                "test-commit");
        LoadedPolicy fixed = PolicyFile.read(PolicyFile.toBytes(r.network(), r.metadata()), "fixed.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationRun.run(fixed, FAST, "t", "test-commit"));
        assertEquals("fixed.safetensors: field 'network_kind': expected 'float-snn' (calibration starts from a float "
                + "policy), found 'fixed-snn'", e.getMessage());
    }

    @Test
    void calibratingWithoutDataIsRefused() {
        SnnNetwork net = PaperInit.network(PAPER, 5, ResetRule.SUBTRACT_DELAYED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibrator.calibrate(net, List.of(), FAST));
        assertEquals("calibration: expected at least one calibration episode, found none", e.getMessage());
    }

    @Test
    void rolloutsOfOneSeedAreIdentical() throws Exception {
        LoadedPolicy p = floatPolicy(6, ActionSpace.MOTORS, "crazyflie");
        var env = CalibrationRun.environmentFor(p.metadata());
        Episode a = SimulatorRollouts.run(p.newPolicy(), env, 11, true);
        Episode b = SimulatorRollouts.run(p.newPolicy(), env, 11, true);
        assertEquals(a.episodeReturn(), b.episodeReturn());
        assertEquals(a.steps(), b.steps());
        assertTrue(java.util.Arrays.equals(a.observations(), b.observations()));
    }

    @Test
    void otherControlRatesKeepFiveSecondEpisodes() throws Exception {
        PolicyMetadata md = new PolicyMetadata(250, ObservationBuilder.LAYOUT_ID, ActionSpace.MOTORS, "s", "crazyflie",
                new PolicyMetadata.Provenance("c", 1, "x"), Map.of());
        assertEquals(1250, CalibrationRun.environmentFor(md).episodeSteps());
        assertEquals(250.0, CalibrationRun.environmentFor(md).controlRateHz());
    }

    @Test
    void optionsRefuseUnsupportedWeightBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CalibrationOptions(12, 2, 2, 24, 1, 1, 1));
        assertEquals("calibration: weight bits expected 8 or 16, found 12", e.getMessage());
    }
}
