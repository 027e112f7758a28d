package io.spikepilot.tools;

import io.spikepilot.calibration.nir.NirImport;
import io.spikepilot.calibration.nir.NirImportException;
import io.spikepilot.calibration.nir.NirImportOptions;
import io.spikepilot.calibration.nir.NirImporter;
import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot calibrate nir}: a NIR graph → a float policy file, ready for {@code spikepilot calibrate}. */
@Command(name = "nir", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Imports a NIR graph (.nir) as a float SNN policy.",
            "",
            "NIR stores no time step and resets LIF membranes to zero in the spiking step; give --dt (snnTorch "
                    + "exports assume 1e-4 s, Norse 1e-3 s) and, for networks trained with snnTorch's default "
                    + "Leaky, --reset snntorch. Graphs the runtime cannot represent are refused with the reason."})
public final class CalibrateNirCommand implements Callable<Integer>, CheckedOptions {
    /** How the LIF reset of the graph is read. */
    enum Reset { nir, snntorch }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "NIR graph (.nir, HDF5).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Float policy to write.")
    Path out;

    @Option(names = "--dt", required = true, paramLabel = "SECONDS", description = "Time step of one control tick.")
    double dt;

    @Option(names = "--reset", defaultValue = "nir",
            description = "nir: zero reset in the spiking step (what the file says); snntorch: subtract θ one step "
                    + "later (snnTorch Leaky default). Default: ${DEFAULT-VALUE}.")
    Reset reset;

    @Option(names = "--action-space", required = true, description = "motors or attitude.")
    String actionSpace;

    @Option(names = "--airframe", required = true, description = "Airframe the policy flies (e.g. crazyflie, x500).")
    String airframe;

    @Option(names = "--action-scaling", defaultValue = "simulator default limits",
            description = "How [-1, 1] maps onto the action space (stored in metadata). For the attitude space, fly "
                    + "checks it before arming and needs the form AttitudeLimits[hoverThrust=…, minThrust=…, "
                    + "maxThrust=…, maxTiltRad=…, maxYawRateRadps=…]. Default: ${DEFAULT-VALUE}.")
    String actionScaling;

    @Override
    public void checkOptions() {
        OptionChecks.of(spec)
                .readableFile("--in", in)
                .writableFile("--out", out)
                .require(dt > 0 && dt <= 1, "--dt expected a time step in (0, 1] s, found " + dt)
                .parses("--action-space", actionSpace, ActionSpace::fromId)
                .parses("--airframe", airframe, Airframes::resolve)
                .notBlank("--action-scaling", actionScaling);
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        NirImport imported;
        PolicyMetadata metadata;
        try {
            NirImportOptions options = new NirImportOptions(dt, reset == Reset.nir
                    ? NirImportOptions.ResetReading.NIR_ZERO : NirImportOptions.ResetReading.SNNTORCH_SUBTRACT_DELAYED);
            imported = NirImporter.importFile(in, options);
            Map<String, String> notes = new TreeMap<>();
            for (int i = 0; i < imported.notes().size(); i++) {
                notes.put("nir_import_" + i, imported.notes().get(i));
            }
            metadata = new PolicyMetadata(1.0 / dt, ObservationBuilder.LAYOUT_ID, ActionSpace.fromId(actionSpace),
                    actionScaling, airframe, new PolicyMetadata.Provenance("spikepilot calibrate nir --in " + in
                    + " --dt " + dt + " --reset " + reset, 0, GitCommit.current()), notes);
        } catch (NirImportException | IllegalArgumentException e) {
            stderr.println("spikepilot calibrate nir: " + e.getMessage());
            return 2;
        }
        try {
            String sha = PolicyFile.write(out, imported.network(), metadata);
            imported.notes().forEach(n -> stdout.println("note: " + n));
            stdout.println("wrote " + out + " (float-snn " + sizes(imported.network().layerSizes()) + ", "
                    + imported.network().resetRule().id() + ", " + metadata.controlRateHz() + " Hz) sha256=" + sha);
        } catch (IOException | IllegalArgumentException e) {
            stderr.println("spikepilot calibrate nir: " + out + ": " + e.getMessage());
            return 2;
        }
        return 0;
    }

    private static String sizes(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int v : s) {
            sb.append(sb.length() == 0 ? "" : "-").append(v);
        }
        return sb.toString();
    }
}
