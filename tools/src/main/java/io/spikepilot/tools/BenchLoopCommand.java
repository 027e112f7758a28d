package io.spikepilot.tools;

import io.spikepilot.controller.time.ControlRate;
import io.spikepilot.flight.loop.IdleStrategy;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.SyntheticFlight;

/**
 * {@code spikepilot bench-loop}: the real-time loop at a fixed rate with the full tick (paper-size fixed-point SNN,
 * PID in hot standby, supervisor, SET_ATTITUDE_TARGET encoding, tick record) for each idle strategy: wake-up lateness
 * with coordinated-omission correction, tick duration and bytes allocated per tick on the loop thread.
 */
@Command(name = "bench-loop", mixinStandardHelpOptions = true,
        description = {
            "Measure loop timing: wake-up lateness per idle strategy, tick time, allocation.",
            "",
            "Runs the flight loop in real time for each idle strategy and reports wake-up lateness "
                    + "(p50/p99/p99.9/max), full-tick duration and bytes allocated per tick."})
public final class BenchLoopCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", defaultValue = "250", description = "Control rate, Hz (50-500). Default: ${DEFAULT-VALUE}")
    double rateHz;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per strategy. Default: ${DEFAULT-VALUE}")
    double seconds;

    @Option(names = "--warmup-ticks", defaultValue = "50000",
            description = "Ticks run back to back before measuring, to compile the tick. Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    @Option(names = "--idle", split = ",", defaultValue = "park-spin,park,sleep,busy-spin",
            description = "Idle strategies to measure. Default: ${DEFAULT-VALUE}")
    List<String> idle;

    @Option(names = "--spin-window-us", defaultValue = "100",
            description = "Spin window of park-spin, us. Default: ${DEFAULT-VALUE}")
    long spinWindowUs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the network's initialisation. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--policy", defaultValue = "fixed-snn",
            description = "fixed-snn (paper size 18-256-128-4, seeded), pid (the loop without a network), or a policy "
                    + "file (.safetensors) to time the network you will fly. Default: ${DEFAULT-VALUE}")
    String policy;

    private LoadedPolicy policyFile;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .inRange("--rate", rateHz, ControlRate.MIN_HZ, ControlRate.MAX_HZ)
                .require(seconds > 0 && seconds <= 3600, "--seconds expected a number in (0, 3600], found " + seconds)
                .atLeast("--warmup-ticks", warmupTicks, 0)
                .atLeast("--spin-window-us", spinWindowUs, 0);
        for (String name : idle) {
            check.parses("--idle", name, n -> IdleStrategy.byName(n, spinWindowUs * 1000L));
        }
        if (!policy.equals("fixed-snn") && !policy.equals("pid")) {
            check.readableFile("--policy", Path.of(policy));
            try {
                policyFile = PolicyFile.load(Path.of(policy));
            } catch (IOException e) {
                throw check.bad("--policy: expected fixed-snn, pid or a policy file, found '" + policy + "': "
                        + CliErrors.describe(e));
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (policyFile != null) {
            out.println("# policy " + policyFile.describe());
        }
        out.printf(Locale.ROOT, "# bench-loop: %s policy, %.0f Hz, %.1f s per strategy, seed %d, %d cores, %s%n", policy,
                rateHz, seconds, seed, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        out.println("strategy   ticks  missed | lateness us: p50     p99   p99.9     max"
                + " | tick us: p50    p99  p99.9    max | B/tick");
        for (String name : idle) {
            IdleStrategy strategy = IdleStrategy.byName(name, spinWindowUs * 1000L);
            out.println(run(strategy));
            out.flush();
        }
        return 0;
    }

    private String run(IdleStrategy strategy) {
        SyntheticFlight flight = policyFile != null ? new SyntheticFlight(rateHz, policyFile.newPolicy())
                : new SyntheticFlight(rateHz, seed, policy.equals("pid"));
        LoopBench.Result r = LoopBench.measure(flight, strategy, warmupTicks, seconds);
        Histogram late = r.latenessNs();
        Histogram tick = r.tickNs();
        return String.format(Locale.ROOT,
                "%-9s %6d %7d |          %7.1f %7.1f %7.1f %7.1f |     %6.1f %6.1f %6.1f %6.1f | %6.2f",
                strategy.name(), r.ticks(), r.missedTicks(),
                us(late.getValueAtPercentile(50)), us(late.getValueAtPercentile(99)),
                us(late.getValueAtPercentile(99.9)), us(late.getMaxValue()),
                us(tick.getValueAtPercentile(50)), us(tick.getValueAtPercentile(99)),
                us(tick.getValueAtPercentile(99.9)), us(tick.getMaxValue()),
                r.bytesPerTick());
    }

    private static double us(long ns) {
        return ns / 1000.0;
    }
}
