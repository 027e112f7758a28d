package io.spikepilot.tools;

import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.check.CheckResult;
import io.spikepilot.simulator.check.PhysicsCheck;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot sim check}: prints the physics check as a table; exit status 1 if a line fails. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks the simulator against physics and the paper.",
            "",
            "Prints hover balance, motor lag, the inner loop's 20° roll step and hover, how often the "
                    + "PositionPid guide keeps the paper's initial states in the box, and simulation speed; "
                    + "exits with 1 if a check fails.",
            "",
            "By default the paper's lines run on the Crazyflie and the inner-loop lines on the X500; "
                    + "--airframe runs every line on one airframe."})
public final class SimCheckCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--airframe", paramLabel = "NAME|FILE",
            description = "Bundled airframe (crazyflie, x500) or an airframe YAML file.")
    String airframe;

    @Option(names = "--speed-ms", paramLabel = "MS", defaultValue = "400",
            description = "CPU-time budget per speed line, ms (default: ${DEFAULT-VALUE}).")
    long speedMs;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec).atLeast("--speed-ms", speedMs, 30);
        if (airframe != null) {
            check.parses("--airframe", airframe, Airframes::resolve);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Airframe motorAirframe;
        Airframe innerAirframe;
        try {
            motorAirframe = airframe == null ? Airframes.crazyflie() : Airframes.resolve(airframe);
            innerAirframe = airframe == null ? Airframes.x500() : motorAirframe;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("spikepilot sim check: " + e.getMessage());
            return 2;
        }
        if (speedMs < 30) {
            spec.commandLine().getErr().println("spikepilot sim check: --speed-ms: expected at least 30, found "
                    + speedMs);
            return 2;
        }
        // Speed is timed on this thread's CPU clock, so a machine shared with other work still reports what one
        // core does; the wall clock stands in where the JVM cannot measure thread CPU time.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        if (cpuClock && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        LongSupplier clock = cpuClock ? threads::getCurrentThreadCpuTime : System::nanoTime;
        List<CheckResult> rows = PhysicsCheck.run(motorAirframe, innerAirframe, clock, speedMs * 1_000_000L);
        out.println("spikepilot sim check: the simulator against physics and the paper (paper-spec §4, §6.8)");
        out.println();
        print(out, rows);
        long failed = rows.stream().filter(r -> !r.passed()).count();
        out.println();
        out.println("Speed lines: steps per second of " + (cpuClock ? "this thread's CPU time" : "wall-clock time")
                + " on one core; JMH figures are in BENCHMARKS.md.");
        out.println(failed == 0 ? "All " + rows.size() + " checks passed."
                : failed + " of " + rows.size() + " checks FAILED.");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static void print(PrintWriter out, List<CheckResult> rows) {
        String[] header = {"check", "airframe", "measured", "expected", ""};
        int[] width = new int[4];
        for (int i = 0; i < 4; i++) {
            width[i] = header[i].length();
        }
        for (CheckResult r : rows) {
            width[0] = Math.max(width[0], r.check().length());
            width[1] = Math.max(width[1], r.airframe().length());
            width[2] = Math.max(width[2], r.measured().length());
            width[3] = Math.max(width[3], r.expected().length());
        }
        String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %-" + width[3] + "s  %s%n";
        out.printf(format, (Object[]) header);
        out.printf(format, "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]), "-".repeat(width[3]),
                "----");
        for (CheckResult r : rows) {
            out.printf(format, r.check(), r.airframe(), r.measured(), r.expected(), r.passed() ? "ok" : "FAIL");
        }
    }
}
