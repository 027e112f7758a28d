package io.spikepilot.tools;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.replay.FlightReplay;
import io.spikepilot.controller.replay.RecordedTrace;
import io.spikepilot.controller.replay.ReplayComparison;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.replay.TraceIdentity;
import io.spikepilot.controller.replay.TraceReader;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.tools.cli.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot replay}: re-runs a recorded flight through the controller and compares every tick. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Replay a recorded flight through the controller, bit for bit, or ask what another policy would "
                    + "have done.",
            "",
            "Rebuilds the flight loop from the policy and the flight configuration, feeds it the trace's "
                    + "recorded inputs (state read, link time, operator commands and targets, injected faults, "
                    + "tick timing) tick by tick, and compares mode, reasons, flags, observation, raw action and "
                    + "setpoints on their bits. With the policy that flew it must print 'N ticks, "
                    + "bit-identical'. With another policy it is a what-if over the recorded states (the vehicle "
                    + "is not re-simulated): per-field RMS and max differences and the ticks whose mode would "
                    + "differ. Exit status: 0 bit-identical, 1 not, 2 bad input, 3 the policy does not fit the "
                    + "configuration (refused, as fly would)."})
public final class ReplayCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true,
            description = "The flight's trace (*.trace.csv, format 3; format 2 replays without fault records).")
    Path trace;

    @Option(names = "--policy", required = true,
            description = "Policy file (safetensors) or 'pid': the one flown for a check, another one for a what-if.")
    String policy;

    @Option(names = "--config", required = true, description = "The flight configuration the trace was flown with.")
    Path config;

    @Option(names = "--out", description = "Write the replayed trace here (same format as the recorded one).")
    Path out;

    private FlightConfig flight;
    private FlyPolicy replayPolicy;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec);
        FlightInputs.Recorded inputs = FlightInputs.recorded(check, trace, config, policy);
        if (out != null) {
            check.writableFile("--out", out);
        }
        flight = inputs.flight();
        replayPolicy = inputs.policy();
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordedTrace recorded;
        try {
            recorded = TraceReader.read(trace);
        } catch (TraceFormatException e) {
            err.println("spikepilot replay: --trace: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }

        String flownBase = TraceIdentity.base(recorded.policyId());
        boolean samePolicy = flownBase.equals(replayPolicy.identity());
        String configId = TraceIdentity.of(flight);
        console.println("replay of " + trace + ": " + recorded.rows().size() + " ticks, with "
                + replayPolicy.describe());
        if (recorded.stopNote() != null) {
            console.println("note: " + recorded.stopNote());
        }
        if (!recorded.policyId().equals(flownBase)) {
            String wrapper = recorded.policyId().substring(flownBase.length() + 1);
            if (recorded.formatVersion() >= 3) {
                console.println("note: the flight's policy was wrapped by " + wrapper + " (the demo's fault "
                        + "injection); the replay re-applies the fault on the " + recorded.injectedFaultTicks()
                        + " ticks the trace records it");
            } else {
                console.println("note: the flight's policy was wrapped by " + wrapper + " (the demo's fault "
                        + "injection), and this format-" + recorded.formatVersion() + " trace does not record "
                        + "when the fault was on, so ticks the wrapper altered diverge");
            }
        }
        if (!samePolicy) {
            console.println("what-if: flown with policy " + recorded.policyId() + ", replayed with "
                    + replayPolicy.identity() + "; the recorded states are fed open loop (the vehicle is not "
                    + "re-simulated)");
        }
        if (!recorded.configId().equals(configId)) {
            console.println("note: " + config + " (" + configId + ") is not the configuration the trace was flown "
                    + "with (" + recorded.configId() + "): a what-if of the configuration too");
        }

        ReplayComparison comparison;
        try (TraceOut traceOut = out == null ? null
                : new TraceOut(out, replayPolicy.identity(), configId)) {
            boolean matches = samePolicy ? recorded.rows().get(0).policyMatchesConfig : replayPolicy.matchesConfig();
            comparison = FlightReplay.run(flight, replayPolicy.newInstance(), matches, recorded, traceOut);
        } catch (IOException e) {
            err.println("replay: cannot write " + out + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("spikepilot replay: failed: " + CliErrors.describe(e));
            return ExitCode.FAILURE;
        }
        console.println(comparison.verdict());
        if (!comparison.identical()) {
            console.println(String.format(Locale.ROOT, "mode would have differed on %d of %d ticks",
                    comparison.modeDifferingTicks(), comparison.ticks()));
            for (String line : comparison.fieldReport()) {
                console.println("  " + line);
            }
        }
        if (out != null) {
            console.println("replayed trace: " + out);
        }
        return comparison.identical() ? 0 : 1;
    }

    /** Writes the replayed records as a trace. */
    private static final class TraceOut implements TickRecordConsumer, AutoCloseable {
        private final Writer writer;

        TraceOut(Path file, String policyId, String configId) throws IOException {
            writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
            writer.write(TickTraceCsv.formatLine(policyId, configId));
            writer.write('\n');
            writer.write(TickTraceCsv.header());
            writer.write('\n');
        }

        @Override
        public void accept(TickRecord record) throws IOException {
            TickTraceCsv.appendRow(record, writer);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
