package io.spikepilot.tools;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.env.RewardCurriculum;
import io.spikepilot.training.bc.Evaluation;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.bc.PolicyEvaluator;
import io.spikepilot.training.rl.JsrlTask;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikepilot evaluate}: policy files on the paper's test protocol, side by side — seeded episodes where the
 * privileged PID guide flies the first steps while the policy warms its membranes, then the policy flies; returns
 * at the first and the last reward-curriculum level, the guide alone as the reference.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fly policy files (float or fixed point) on the paper's test protocol and print them side by side "
                    + "with the guide alone: 20 seeded episodes from the paper's initial states, the guide flies "
                    + "the first 50 steps while the policy warms up, then the policy flies; mean return at "
                    + "curriculum level 0 and at the last level (the paper's reported return), length, crashes, "
                    + "position error."})
final class EvaluateCommand implements Callable<Integer>, CheckedOptions {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE", required = true,
            description = "Policy file (.safetensors); repeat to compare several.")
    List<Path> policies;
    @Option(names = "--task", paramLabel = "TASK",
            description = "crazyflie-motors or x500-attitude (default: from the first policy's action space).")
    String task;
    @Option(names = "--episodes", defaultValue = "20", description = "Test episodes. Default: ${DEFAULT-VALUE}")
    int episodes;
    @Option(names = "--eval-seed", defaultValue = "20251028", description = "Seed of the test episodes. Default: ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--guide-steps", defaultValue = "50", description = "Steps the guide flies first. Default: ${DEFAULT-VALUE}")
    int guideSteps;

    private final List<LoadedPolicy> loaded = new ArrayList<>();
    private JsrlTask t;

    @Override
    public void checkOptions() {
        OptionChecks check = OptionChecks.of(spec)
                .atLeast("--episodes", episodes, 1)
                .atLeast("--guide-steps", guideSteps, 0);
        if (task != null) {
            check.parses("--task", task, JsrlTask::fromId);
        }
        for (Path p : policies) {
            check.readableFile("--policy", p);
            try {
                loaded.add(PolicyFile.load(p));
            } catch (IOException e) {
                throw check.bad("--policy: " + CliErrors.describe(e));
            }
        }
        ActionSpace space = loaded.get(0).metadata().actionSpace();
        t = task != null ? JsrlTask.fromId(task) : JsrlTask.forActionSpace(space);
        for (int i = 0; i < loaded.size(); i++) {
            check.require(loaded.get(i).metadata().actionSpace() == t.actionSpace(), "--policy " + policies.get(i)
                    + ": field 'action_space' expected " + t.actionSpace().id() + " (task " + t.id() + "), found "
                    + loaded.get(i).metadata().actionSpace().id());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EnvConfig env = t.environment();
        GuideGains gains = GuideGains.defaultFor(t.actionSpace());
        PolicyEvaluator evaluator = new PolicyEvaluator(env, episodes, seed, guideSteps);
        int last = RewardCurriculum.MAX_LEVEL;
        out.printf(Locale.ROOT, "task %s, %d episodes from eval seed %d, guide (%s gains) flies the first %d steps%n",
                t.id(), episodes, seed, gains.id(), guideSteps);
        out.printf(Locale.ROOT, "%-44s %10s %10s %8s %8s %9s%n", "policy", "return L0", "return L" + last, "length",
                "crashes", "pos err m");
        print(out, "guide alone (whole episode)", evaluator.evaluateGuide(Guides.pid(env, gains, episodes), 0),
                evaluator.evaluateGuide(Guides.pid(env, gains, episodes), last));
        for (int i = 0; i < loaded.size(); i++) {
            LoadedPolicy p = loaded.get(i);
            Evaluation first = evaluator.evaluate(e -> p.newPolicy(), Guides.pid(env, gains, episodes), 0);
            Evaluation end = evaluator.evaluate(e -> p.newPolicy(), Guides.pid(env, gains, episodes), last);
            print(out, policies.get(i).getFileName() + " (" + p.kind().name().toLowerCase(Locale.ROOT) + ")", first,
                    end);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String name, Evaluation first, Evaluation end) {
        out.printf(Locale.ROOT, "%-44s %10.1f %10.1f %8.1f %5d/%-2d %9.3f%n", name, first.meanReturn(),
                end.meanReturn(), first.meanLength(), first.crashes(), first.episodes(), first.meanPositionErrorM());
    }
}
