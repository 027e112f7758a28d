package io.spikepilot.tools;

import io.spikepilot.controller.supervisor.SupervisorConfig;
import io.spikepilot.tools.bench.FaultRow;
import io.spikepilot.tools.bench.FaultScenario;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;

/** {@code spikepilot bench faults}: the fault table, every fault injected into a real flight against the virtual PX4. */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fly one flight per fault against the virtual PX4 and print the fault table.",
            "",
            "Each fault is injected while the shipped SNN flies a hover through fly's whole pipeline: a stale, NaN or "
                    + "non-unit state estimate, a frozen, saturated or NaN policy output, fixed-point saturation, a 200 "
                    + "ms loop stall, link drops of 0.2, 1 and 5 s, 5 % and 20 % packet loss, garbage bytes, an "
                    + "autopilot reboot, the pilot's mode switch, and the companion process killed with SIGKILL "
                    + "(the autopilot's COM_OF_LOSS_T failsafe). Each row gives the ticks from the first tick that saw "
                    + "the fault to the fallback, the largest position excursion, tilt and speed of the true vehicle "
                    + "against the supervisor's envelope, how it landed, and trace rows lost. Writes faults.csv, "
                    + "faults.md and one folder per fault. A flight takes about 20 s of real time. Exit status: 0 "
                    + "every goal met (no envelope violation, fallback within one tick where the tick sees the fault, "
                    + "no trace row lost), 1 a goal missed or a flight failed, 2 bad input."})
public final class BenchFaultsCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "FAULT",
            description = "Run only these faults (comma-separated), e.g. link-drop-1s,companion-killed. Default: all.")
    List<String> only;

    @Option(names = "--policy", defaultValue = "bundled",
            description = "Policy file to fly, 'bundled' for the shipped SNN, or 'pid'. Default: ${DEFAULT-VALUE}")
    String policy;

    @Option(names = "--config", description = "Flight configuration. Default: the shipped src/config/flight.yaml")
    Path config;

    @Option(names = "--out", description = "Output directory. Default: bench-runs/faults-<date-time>")
    Path out;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the link's random loss and garbage. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--warmup-ticks", defaultValue = "20000",
            description = "Ticks run to compile the loop before arming, per flight. Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    private final List<FaultScenario> scenarios = new ArrayList<>();
    private FlightSettings settings;
    private FlyPolicy flyPolicy;
    private byte[] policyBytes;
    private byte[] configBytes;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec).atLeast("--warmup-ticks", warmupTicks, 0);
        scenarios.clear();
        if (only == null || only.isEmpty()) {
            scenarios.addAll(Arrays.asList(FaultScenario.values()));
        } else {
            for (String name : only) {
                FaultScenario s = FaultScenario.byOptionName(name.trim());
                if (s == null) {
                    throw check.bad("--only expected fault names among " + Arrays.stream(FaultScenario.values())
                            .map(FaultScenario::optionName).collect(Collectors.joining(", ")) + ", found '" + name
                            + "'");
                }
                scenarios.add(s);
            }
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
        if (config != null) {
            check.readableFile("--config", config);
            settings = FlightInputs.settings(check, "--config", config);
            configBytes = readBytes(check, "--config", config);
        } else {
            configBytes = DemoCommand.resource("/io/spikepilot/tools/" + DemoCommand.BUNDLED_CONFIG);
            settings = FlightConfigFile.parse("bundled " + DemoCommand.BUNDLED_CONFIG,
                    new String(configBytes, StandardCharsets.UTF_8));
        }
        if (policy.equals("bundled")) {
            policyBytes = DemoCommand.resource(DemoCommand.BUNDLED_POLICY);
            flyPolicy = DemoCommand.bundledPolicy(check, policyBytes, settings);
        } else {
            if (!policy.equals("pid")) {
                check.readableFile("--policy", Path.of(policy));
                policyBytes = readBytes(check, "--policy", Path.of(policy));
            }
            flyPolicy = FlightInputs.policy(check, "--policy", policy, settings);
        }
        if (policyBytes == null && scenarios.contains(FaultScenario.COMPANION_KILLED)) {
            throw check.bad("--policy pid cannot run companion-killed (the killed fly process needs a policy file); "
                    + "leave it out with --only or fly a policy file");
        }
    }

    private static byte[] readBytes(OptionChecks check, String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw check.bad(option + ": cannot read " + file + ": " + CliErrors.describe(e));
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out : Path.of("bench-runs",
                "faults-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunFolder.claim("--out", dir);
        Path configFile = Files.write(dir.resolve("flight.yaml"), configBytes);
        Path policyFile = policyBytes == null ? null : Files.write(dir.resolve("policy.safetensors"), policyBytes);
        SupervisorConfig envelope = settings.flight().supervisor();
        console.printf(Locale.ROOT, "spikepilot bench faults: %d faults, %s, seed %d%n  envelope (supervisor): "
                        + "position %.1f m, tilt %.0f°, speed %.1f m/s; output: %s%n", scenarios.size(),
                flyPolicy.describe(), seed, envelope.maxPositionErrorM(), Math.toDegrees(envelope.maxTiltRad()),
                envelope.maxSpeedMps(), dir.toAbsolutePath());
        console.flush();
        FaultBench bench = new FaultBench(settings, flyPolicy, policyFile, configFile, dir, seed, warmupTicks, console);
        List<FaultRow> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        StringBuilder csv = new StringBuilder(FaultRow.CSV_HEADER).append('\n');
        for (FaultScenario s : scenarios) {
            try {
                FaultRow row = bench.run(s);
                rows.add(row);
                csv.append(row.csvRow()).append('\n');
                Files.writeString(dir.resolve("faults.csv"), csv);
                console.println("    " + row.markdownRow());
            } catch (PreflightException e) {
                failed.add(s.optionName() + ": refused to arm: " + e.getMessage());
            } catch (Exception e) {
                failed.add(s.optionName() + ": " + CliErrors.describe(e));
            }
            console.flush();
        }
        String table = FaultRow.markdownHeader() + "\n" + rows.stream().map(FaultRow::markdownRow)
                .collect(Collectors.joining("\n")) + "\n";
        Files.writeString(dir.resolve("faults.csv"), csv);
        Files.writeString(dir.resolve("faults.md"), table);
        console.println();
        console.print(table);
        long violations = rows.stream().filter(FaultRow::envelopeViolated).count();
        long slow = rows.stream().filter(r -> !r.fallbackGoalMet()).count();
        long lost = rows.stream().mapToLong(r -> Math.max(0, r.traceRowsLost())).sum();
        console.printf(Locale.ROOT, "%nenvelope violations %d, fallbacks slower than one tick %d, trace rows lost %d, "
                + "not landed safely %d, flights failed %d%n", violations, slow, lost,
                rows.stream().filter(r -> !r.landedSafely()).count(), failed.size());
        for (String f : failed) {
            err.println("spikepilot bench faults: " + f);
        }
        console.flush();
        return violations == 0 && slow == 0 && lost == 0 && failed.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
