package io.spikepilot.tools;

import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.training.bc.GuideGains;
import io.spikepilot.training.bc.Guides;
import io.spikepilot.training.dataset.GuideRolloutRecorder;
import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.dataset.GuideRolloutsFile;
import io.spikepilot.training.rl.JsrlTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikepilot dataset ...}: datasets written once and reused by training runs. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Datasets for the offline baselines, written once and reused.", "",
            "  guide  rollouts of the privileged PID guide (train bc-offline, train td3bc)"},
        subcommands = {DatasetCommand.Guide.class})
public final class DatasetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Records guide rollouts to a dataset file. */
    @Command(name = "guide", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Flies the privileged PID guide for whole episodes (seeded starts, seeded noise on the applied "
                        + "action) and writes observations, privileged observations, applied and clean actions, "
                        + "rewards and crash flags to one binary file (format:",
                "GuideRolloutsFile). Episodes that end within twice the warm-up (100 steps) are re-flown, as "
                        + "the replay buffer would refuse them."})
    static final class Guide implements Callable<Integer>, CheckedOptions {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--task", defaultValue = "crazyflie-motors", description = "crazyflie-motors or x500-attitude. Default: ${DEFAULT-VALUE}")
        String task;
        @Option(names = "--episodes", required = true, description = "Episodes to keep.")
        int episodes;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the starts and the noise. Default: ${DEFAULT-VALUE}")
        long seed;
        @Option(names = "--noise", defaultValue = "0.1", description = "σ of the Gaussian noise on the applied guide action (the stored labels stay clean). Default: ${DEFAULT-VALUE}")
        double noise;
        @Option(names = "--level", defaultValue = "0", description = "Reward curriculum level of the stored rewards (0 … 6). Default: ${DEFAULT-VALUE}")
        int level;
        @Option(names = "--envs", defaultValue = "16", description = "Environments stepped together. Default: ${DEFAULT-VALUE}")
        int envs;
        @Option(names = "--guide-gains", description = "Guide PID gains: ${COMPLETION-CANDIDATES}. Default: the task's")
        GuideGains gains;
        @Option(names = "--out", required = true, description = "The dataset file to write.")
        Path out;

        @Override
        public void checkOptions() {
            OptionChecks.of(spec)
                    .parses("--task", task, JsrlTask::fromId)
                    .atLeast("--episodes", episodes, 1)
                    .atLeast("--envs", envs, 1)
                    .inRange("--level", level, 0, 6)
                    .atLeast("--noise", noise, 0)
                    .writableFile("--out", out);
        }

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            JsrlTask t = JsrlTask.fromId(task);
            String command = "spikepilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            EnvConfig env = t.environment();
            GuideGains g = gains != null ? gains : GuideGains.defaultFor(t.actionSpace());
            long start = System.nanoTime();
            GuideRollouts data = GuideRolloutRecorder.record(env, t.id(), Guides.pid(env, g, envs), envs, episodes,
                    seed, noise, level, GuideRolloutRecorder.MIN_STEPS, command);
            try {
                GuideRolloutsFile.write(out, data);
            } catch (IOException e) {
                stderr.println("dataset guide: cannot write " + out + ": " + e.getMessage());
                return 1;
            }
            stdout.printf(java.util.Locale.ROOT, "wrote %s: %s (%.1f s)%n", out, GuideRolloutsFile.describe(data),
                    (System.nanoTime() - start) / 1e9);
            stdout.flush();
            return 0;
        }
    }
}
