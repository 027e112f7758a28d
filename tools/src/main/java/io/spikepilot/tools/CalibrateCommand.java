package io.spikepilot.tools;

import io.spikepilot.calibration.CalibrationOptions;
import io.spikepilot.calibration.CalibrationRun;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot calibrate}: float policy → fixed-point policy, with an equivalence report. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Converts a float SNN policy into the integer-only policy that flies.",
            "",
            "Flies the float policy in the simulator (seeded episodes of the environment its metadata names), "
                    + "chooses scales from the ranges it reaches, writes the fixed-point policy file, and "
                    + "reports per-layer spike agreement, action RMSE and maximum error, saturation events and "
                    + "closed-loop return float vs fixed on further seeded episodes.",
            "",
            "'spikepilot calibrate nir' turns a NIR graph (snnTorch, Norse) into a float policy to calibrate."},
        subcommands = {CalibrateNirCommand.class})
public final class CalibrateCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Checked in call() rather than by picocli, so that the 'nir' subcommand does not need them.
    @Option(names = "--policy", paramLabel = "FILE", description = "Float policy (.safetensors). Required.")
    Path policy;

    @Option(names = "--out", paramLabel = "FILE", description = "Fixed-point policy to write. Required.")
    Path out;

    @Option(names = "--weight-bits", defaultValue = "16", description = "8 or 16 (default: ${DEFAULT-VALUE}).")
    int weightBits;

    @Option(names = "--episodes", defaultValue = "20",
            description = "Calibration episodes, and as many evaluation episodes (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "1", description = "First calibration seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input-headroom", defaultValue = "2.0",
            description = "Factor on the largest |input| seen (default: ${DEFAULT-VALUE}).")
    double inputHeadroom;

    @Option(names = "--membrane-headroom", defaultValue = "2.0",
            description = "Factor on the largest |membrane| seen (default: ${DEFAULT-VALUE}).")
    double membraneHeadroom;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .require(policy != null && out != null, "--policy and --out: expected both, found "
                        + (policy == null ? "no --policy" : "no --out"))
                .readableFile("--policy", policy)
                .writableFile("--out", out)
                .require(weightBits == 8 || weightBits == 16, "--weight-bits expected 8 or 16, found " + weightBits)
                .atLeast("--episodes", episodes, 1)
                .inRange("--input-headroom", inputHeadroom, 1, 1000)
                .inRange("--membrane-headroom", membraneHeadroom, 1, 1000);
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        CalibrationOptions options;
        LoadedPolicy floatPolicy;
        try {
            options = new CalibrationOptions(weightBits, inputHeadroom, membraneHeadroom, 24, episodes, episodes, seed);
            floatPolicy = PolicyFile.load(policy);
        } catch (IllegalArgumentException | IOException e) {
            stderr.println("spikepilot calibrate: " + e.getMessage());
            return 2;
        }
        stdout.println("float policy: " + floatPolicy.describe());
        stdout.flush();
        CalibrationRun.Result result;
        try {
            result = CalibrationRun.run(floatPolicy, options, commandLine(), GitCommit.current());
        } catch (IllegalArgumentException e) {
            stderr.println("spikepilot calibrate: " + e.getMessage());
            return 2;
        }
        String sha;
        try {
            sha = PolicyFile.write(out, result.network(), result.metadata());
        } catch (IOException e) {
            stderr.println("spikepilot calibrate: " + out + ": " + e.getMessage());
            return 2;
        }
        stdout.print(result.report().format());
        stdout.println("wrote " + out + " (fixed-snn, " + weightBits + "-bit weights) sha256=" + sha);
        return 0;
    }

    private String commandLine() {
        return "spikepilot calibrate --policy " + policy + " --out " + out + " --weight-bits " + weightBits
                + " --episodes " + episodes + " --seed " + seed + " --input-headroom " + inputHeadroom
                + " --membrane-headroom " + membraneHeadroom;
    }
}
