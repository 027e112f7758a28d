package io.spikepilot.calibration;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.NetworkKind;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FloatSnn;
import io.spikepilot.controller.snn.SnnNetwork;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.env.EnvConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole calibration: float policy in, fixed-point network and equivalence report out. Calibration data are seeded
 * closed-loop simulator episodes of the float policy itself, in the environment its metadata names (airframe, action
 * space, control rate); the report uses disjoint seeds.
 */
public final class CalibrationRun {
    /** Episode duration used when the policy's control rate is not the environment's default. */
    public static final double EPISODE_SECONDS = 5.0;

    private CalibrationRun() {
    }

    /** Result of a run: the network, its report and the metadata to store with it. */
    public record Result(FixedPointNetwork network, EquivalenceReport report, PolicyMetadata metadata) {
    }

    /** The simulator environment a policy's metadata describes. */
    public static EnvConfig environmentFor(PolicyMetadata metadata) {
        var airframe = Airframes.resolve(metadata.airframe());
        EnvConfig base = metadata.actionSpace() == ActionSpace.MOTORS ? EnvConfig.paper(airframe)
                : EnvConfig.attitude(airframe);
        if (Math.abs(base.controlRateHz() - metadata.controlRateHz()) <= 1e-9 * base.controlRateHz()) {
            return base;
        }
        int steps = (int) Math.round(EPISODE_SECONDS * metadata.controlRateHz());
        return new EnvConfig(base.actionSpace(), base.airframe(), metadata.controlRateHz(), steps,
                base.positionLimitM(), base.initialState(), base.attitudeLimits(), base.noise(), base.disturbances(),
                base.randomization(), base.delivery());
    }

    /**
     * Calibrates {@code policy} (which must be a float policy).
     *
     * <p>The fixed-point file's provenance is the calibration's own: {@code command}, the first calibration seed and
     * {@code calibratorCommit}. Where the network came from is kept beside it as notes: the source file and its
     * SHA-256 ({@code calibrated_from}, {@code source_sha256}) and the source's provenance
     * ({@code source_provenance_command}, {@code _seed}, {@code _commit}), so both steps can be reproduced.
     *
     * @param command          the calibration command line, recorded as the fixed-point file's provenance
     * @param calibratorCommit the git revision of the calibrator that runs ("unknown" outside a checkout)
     */
    public static Result run(LoadedPolicy policy, CalibrationOptions options, String command,
                             String calibratorCommit) {
        if (policy.kind() != NetworkKind.FLOAT_SNN) {
            throw new IllegalArgumentException(policy.source() + ": field 'network_kind': expected 'float-snn' "
                    + "(calibration starts from a float policy), found '" + policy.kind().id() + "'");
        }
        PolicyMetadata.Provenance provenance = new PolicyMetadata.Provenance(command, options.seed(),
                calibratorCommit);
        SnnNetwork net = policy.floatNetwork();
        EnvConfig env = environmentFor(policy.metadata());
        List<Episode> data = new ArrayList<>();
        FloatSnn floatPolicy = new FloatSnn(net);
        for (int e = 0; e < options.calibrationEpisodes(); e++) {
            data.add(SimulatorRollouts.run(floatPolicy, env, options.seed() + e, true));
        }
        FixedPointNetwork fixed = Calibrator.calibrate(net, data, options);
        long evalSeed = options.seed() + CalibrationOptions.EVALUATION_SEED_OFFSET;
        EquivalenceReport report = Equivalence.evaluate(net, fixed, env, evalSeed, options.evaluationEpisodes());
        PolicyMetadata in = policy.metadata();
        PolicyMetadata.Provenance source = in.provenance();
        PolicyMetadata out = new PolicyMetadata(in.controlRateHz(), in.observationLayout(), in.actionSpace(),
                in.actionScaling(), in.airframe(), provenance, in.notes())
                .withNote("calibrated_from", policy.source() + " sha256=" + policy.sha256())
                .withNote("source_sha256", policy.sha256())
                .withNote("source_provenance_command", source.command())
                .withNote("source_provenance_seed", Long.toString(source.seed()))
                .withNote("source_provenance_commit", source.commit())
                .withNote("calibration", report.summary())
                .withNote("calibration_options", options.toString())
                .withNote("calibration_seeds", seedRange(options.seed(), options.calibrationEpisodes())
                        + " (calibration episodes), " + seedRange(evalSeed, options.evaluationEpisodes())
                        + " (evaluation episodes)");
        return new Result(fixed, report, out);
    }

    private static String seedRange(long first, int count) {
        return count == 1 ? Long.toString(first) : first + ".." + (first + count - 1);
    }
}
