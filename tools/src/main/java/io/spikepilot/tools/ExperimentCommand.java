package io.spikepilot.tools;

import io.spikepilot.training.experiment.ExperimentPlan;
import io.spikepilot.training.experiment.ExperimentRunner;
import io.spikepilot.training.experiment.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikepilot experiment <comparison|ablation|slopes>}: every (method, setting, seed) of the experiment as a separate
 * child process of this same jar and JVM ({@link ExperimentPlan}, {@link ExperimentRunner}).
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs one of the paper's experiments: every (method, setting, seed) as a separate, seeded child "
                    + "process (spikepilot train ... --threads 1), at most --parallel at a time.",
            "Complete runs are skipped, interrupted ones resume from their checkpoint (jsrl, td3) or start "
                    + "again (offline methods). Writes <out>/runs/<method>_<setting>_seed<N>/ (config.txt, "
                    + "log.csv, stdout.txt, policy) and <out>/index.csv.",
            "",
            "  comparison  Fig. 3: jsrl, bc-offline, td3bc, td3 (the offline ones on one shared guide dataset)",
            "  ablation    Table 4: jsrl with the BC term on/off x the jump-start on/off",
            "  slopes      Fig. 2: bc-stacked and td3-stacked (146-wide input, reset per call, 4 passes),",
            "              the slope fixed at 2, 50, 100, the interval staircase and adaptive",
            "",
            "Budgets: small (minutes, a smoke test of the pipeline) or paper (see ExperimentPlan)."})
final class ExperimentCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "comparison, ablation or slopes")
    String experiment;
    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1 … N. Default: ${DEFAULT-VALUE}")
    int seeds;
    @Option(names = "--budget", defaultValue = "small", description = "small or paper. Default: ${DEFAULT-VALUE}")
    String budget;
    @Option(names = "--out", description = "Experiment folder. Default: runs/experiments/<experiment>-<budget>")
    Path out;
    @Option(names = "--parallel", description = "Runs at a time. Default: the core count")
    Integer parallel;
    @Option(names = "--train-args", paramLabel = "\"OPTIONS\"",
            description = "Options appended to every training run's command, for a variant of the whole experiment, "
                    + "e.g. --train-args \"--bc-target buffer\". Give it its own --out: complete runs are skipped by "
                    + "folder, whatever their options.")
    String trainArgs;
    @Option(names = "--dry-run", description = "Print what each run would do (skip, resume, fresh) and its command; start nothing.")
    boolean dryRun;

    private Path dir;
    private List<RunSpec> runs;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .oneOf("EXPERIMENT", experiment, ExperimentPlan.EXPERIMENTS)
                .atLeast("--seeds", seeds, 1)
                .oneOf("--budget", budget, ExperimentPlan.BUDGETS);
        if (parallel != null) {
            check.atLeast("--parallel", parallel, 1);
        }
        dir = out != null ? out : Path.of("runs", "experiments", experiment + "-" + budget);
        check.creatableDirectory(out != null ? "--out" : "the experiment folder", dir);
        List<String> extra = trainArgs == null || trainArgs.isBlank() ? List.of()
                : List.of(trainArgs.trim().split("\\s+"));
        // the extra words go after each run's own options, so they must themselves be options, not stray words
        check.require(extra.isEmpty() || extra.get(0).startsWith("--"),
                "--train-args expected options for the training runs (e.g. \"--bc-target buffer\"), found "
                        + String.join(" ", extra));
        try {
            runs = ExperimentPlan.build(experiment, seeds, budget, dir).stream()
                    .map(r -> r.withExtraTrainArgs(extra)).toList();
        } catch (IllegalArgumentException e) {
            throw check.bad(e.getMessage());
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        int n = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        stdout.printf(Locale.ROOT, "experiment %s, budget %s, %d seeds: %d runs, %d at a time, in %s%n", experiment,
                budget, seeds, runs.size(), n, dir);
        for (RunSpec r : runs) {
            stdout.printf(Locale.ROOT, "  %-40s %-6s spikepilot %s%n", r.id(),
                    ExperimentRunner.decide(r).name().toLowerCase(Locale.ROOT), String.join(" ", r.args()));
        }
        stdout.flush();
        if (dryRun) {
            return 0;
        }
        ExperimentRunner runner = new ExperimentRunner(experiment, dir, ExperimentCommand::launch, n, System.out);
        try {
            List<ExperimentRunner.Outcome> outcomes = runner.run(runs);
            long failed = outcomes.stream().filter(o -> !o.ok()).count();
            stdout.printf(Locale.ROOT, "%d runs, %d failed; index %s%n", outcomes.size(), failed,
                    dir.resolve(ExperimentRunner.INDEX));
            stdout.flush();
            return failed == 0 ? 0 : 1;
        } catch (IOException e) {
            stderr.println("experiment: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED;
        }
    }

    /** A child of this same JVM binary and class path, with the module training needs. */
    static Process launch(List<String> args, Path log) throws IOException {
        return SpikepilotProcess.launch(args, log, true);
    }
}
