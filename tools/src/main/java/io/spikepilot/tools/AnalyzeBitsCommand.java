package io.spikepilot.tools;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.FlightReplay;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.ReplayComparison;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.controller.snn.FixedPointSnn;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;

/**
 * {@code spikepilot analyze bits}: digests of what a policy computes over a recorded flight, to compare two computers
 * (x86 and ARM) bit for bit: the network stepped over the trace's recorded observations (every input code, membrane,
 * spike count, output argument and action), and the whole controller replayed over the trace (every replayed record:
 * observation, action, mode, reasons and the SNN's, the PID's and the sent setpoints).
 */
@Command(name = "bits", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Digest every bit a policy computes over a recorded flight, to compare two computers.",
            "",
            "Steps a fresh policy over the trace's recorded observations and digests (SHA-256) every input "
                    + "code, membrane, spike count, output argument and action of a fixed-point network (the "
                    + "actions alone of another policy); then replays the trace through the controller as replay "
                    + "does and digests every replayed record (observation, action, mode, reasons, setpoints). "
                    + "The same digests on two computers mean the same bits. Exit status: 0 the replay is "
                    + "bit-identical to the trace, 1 it is not, 2 bad input, 3 the policy does not fit the "
                    + "configuration."})
final class AnalyzeBitsCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true, description = "A flight's trace (*.trace.csv), e.g. from demo.")
    Path trace;

    @Option(names = "--policy", required = true, description = "The policy file that flew it, or 'pid'.")
    String policy;

    @Option(names = "--config", required = true, description = "The flight configuration it was flown with.")
    Path config;

    @Option(names = "--ticks", defaultValue = "0",
            description = "Use only the first this many ticks (0: all). Default: ${DEFAULT-VALUE}")
    int ticks;

    private FlightConfig flight;
    private FlyPolicy replayPolicy;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec).atLeast("--ticks", ticks, 0);
        FlightInputs.Recorded inputs = FlightInputs.recorded(check, trace, config, policy);
        flight = inputs.flight();
        replayPolicy = inputs.policy();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordedTrace recorded;
        try {
            recorded = TraceReader.read(trace);
        } catch (TraceFormatException e) {
            err.println("spikepilot analyze bits: --trace: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (ticks > 0 && ticks < recorded.rows().size()) {
            List<TickRecord> head = recorded.rows().subList(0, ticks);
            recorded = new RecordedTrace(recorded.file(), recorded.formatVersion(), recorded.policyId(),
                    recorded.configId(), head, recorded.stopNote());
        }
        out.printf(Locale.ROOT, "# %s, %d ticks; %s; %s %s on %s%n", trace.getFileName(), recorded.rows().size(),
                replayPolicy.describe(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.arch"));
        out.println(network(recorded));
        BitDigest replayed = new BitDigest();
        StringBuilder row = new StringBuilder(4096);
        ReplayComparison comparison;
        try {
            boolean matches = recorded.rows().get(0).policyMatchesConfig;
            comparison = FlightReplay.run(flight, replayPolicy.newInstance(), matches, recorded, r -> {
                row.setLength(0);
                TickTraceCsv.appendRow(r, row);
                replayed.addBytes(row.toString().getBytes(StandardCharsets.UTF_8));
            });
        } catch (Exception e) {
            err.println("spikepilot analyze bits: replay failed: " + CliErrors.describe(e));
            return ExitCode.FAILURE;
        }
        out.printf(Locale.ROOT, "replay:  %d ticks, %s; records %s%n", comparison.ticks(),
                comparison.identical() ? "bit-identical to the trace" : "NOT identical to the trace",
                replayed.finish());
        out.flush();
        return comparison.identical() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** The policy alone over the recorded observations, from zeroed membranes. */
    private String network(RecordedTrace recorded) {
        Policy net = replayPolicy.newInstance();
        FixedPointSnn fixed = net instanceof FixedPointSnn f ? f : null;
        float[] action = new float[net.actionSize()];
        BitDigest digest = new BitDigest();
        for (TickRecord r : recorded.rows()) {
            net.step(r.observation, 0, action, 0);
            for (float a : action) {
                digest.addFloat(a);
            }
            if (fixed == null) {
                continue;
            }
            for (int i = 0; i < ObservationBuilder.SIZE; i++) {
                digest.addInt(fixed.inputCode(i));
            }
            for (int k = 0; k < fixed.hiddenLayers(); k++) {
                digest.addInt(fixed.lastSpikeCount(k));
                int size = fixed.network().lif().get(k).size();
                for (int i = 0; i < size; i++) {
                    digest.addInt(fixed.membrane(k, i));
                }
            }
            for (int j = 0; j < action.length; j++) {
                digest.addLong(fixed.outputArgumentQ16(j));
            }
        }
        return String.format(Locale.ROOT, "network: %d steps over the recorded observations, %d values (%s); %s",
                recorded.rows().size(), digest.values(), fixed != null
                        ? "input codes, membranes, spike counts, output arguments, actions" : "actions",
                digest.finish());
    }
}
