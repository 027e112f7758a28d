package io.spikepilot.training.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runs of an experiment at a budget. Every run is one {@code spikepilot train ...} command with its seed, its
 * folder under {@code <out>/runs/} and {@code --threads 1} (the runner parallelises over runs, not inside them).
 * The offline methods share one guide dataset, {@code <out>/data/guide.bin}, made once by the first job.
 *
 * <p>Experiments:
 * <ul>
 *   <li><b>comparison</b> (Fig. 3): jsrl, bc-offline, td3bc, td3, each at its paper settings;</li>
 *   <li><b>ablation</b> (Table 4): jsrl with the BC term on/off ({@code --bc 0.2 | 0}) × the jump-start on/off
 *       ({@code --guide-horizon 450 | 0}; off, the guide still flies the 50-step warm-up of collected episodes).</li>
 *   <li><b>slopes</b> (Fig. 2): bc-stacked and td3-stacked, the frame-stacked setting, with the slope fixed at 2, 50
 *       and 100, the interval staircase 1 → 100 in 10 steps, and adaptive (eq. 6); BC on the shared guide
 *       dataset.</li>
 * </ul>
 *
 * <p>Budgets (every method gets the same evaluation: 20 seeded test episodes, eval seed 20251028, guide flies 50
 * steps, at the current and at the last curriculum level):
 * <ul>
 *   <li><b>small</b> — shows the pipeline end to end on 2 cores in minutes ({@code comparison --seeds 1}: 4 min 57 s
 *       wall clock, measured on 2 cores already loaded by two other training runs, load average ≈ 8): 60 guide episodes in the dataset (30k steps); every method 30
 *       epochs of 20 gradient steps (600 steps), evaluated every 5 epochs; online methods collect 4 rollouts per
 *       epoch into a 200k-transition buffer, the guide horizon shrinks by 25 per epoch (450 → 50 in 16 epochs);
 *       batches of 64 windows (BC 50), critics on 25 of each window's 100 steps. The curriculum climbs over the
 *       30 epochs. Far below the paper's budget: its returns do not test the paper's claims.</li>
 *   <li><b>small</b> for <b>slopes</b> — BC 30 epochs of 20 steps at batch 256 (≈ 1 min a run); TD3 60,000
 *       environment steps (5,000 random start steps, then one update per step), an epoch every 5,000 steps
 *       (≈ 20 min a run on one thread: the SNN is unrolled 4 passes per sample).</li>
 *   <li><b>paper</b> for <b>slopes</b> — BC 100 epochs of 100 steps; TD3 as tianshou ran it: 200 epochs of 15,000
 *       steps after 10,000 random ones (3M updates, ≈ 17 h a run here: beyond one night on 2 cores).</li>
 *   <li><b>paper</b> — the paper's batches over the span of its Fig. 3, sized to fit one night on 2 cores: 500 guide
 *       episodes (≈ 250k transitions; the paper's buffer is 1M); JSRL and TD3 22 epochs of 9 rollouts (≈ 100k
 *       environment steps, Fig. 3's x-axis) and 20 steps at batch 350, the curriculum over 20 epochs, evaluated
 *       every 2 epochs; BC 300 epochs of 20 steps at batch 50; TD3BC 100 epochs of 20 steps at batch 125, critics
 *       on 25 steps of each window (a TD3BC step at batch 125 costs ≈ 1 s here: 300 epochs would take 3 h a
 *       run). One JSRL step at batch 350 took 9 s on the loaded machine (≈ 4.5 s quiet), so 200 epochs would be
 *       ≈ 5 h a run. Measured for seed 1 (REPRODUCTION.md), two runs at a time on a loaded machine: JSRL 613 s,
 *       BC 370 s, TD3BC 1,061 s, TD3 9 s, ≈ 34 min of compute a seed, so 5 seeds take ≈ 1.5 h on 2 cores.</li>
 *   <li>The <b>ablation</b> evaluates after every epoch at both budgets, for its environment steps to return 100.</li>
 * </ul>
 */
public final class ExperimentPlan {
    /** Dataset file of an experiment, relative to its folder. */
    public static final String DATASET = "data/guide.bin";
    public static final List<String> EXPERIMENTS = List.of("comparison", "ablation", "slopes");
    /** The slope study's settings (Fig. 2) and the schedule each one means. */
    public static final List<String> SLOPE_SETTINGS = List.of("slope-2", "slope-50", "slope-100", "interval",
            "adaptive");
    public static final List<String> BUDGETS = List.of("small", "paper");
    /**
     * Epochs of the online methods at the paper budget: 22 epochs of 9 accepted rollouts are ≈ 100k environment
     * steps, the x-axis of the paper's Fig. 3 (its JSRL peaks near 20k).
     */
    static final int PAPER_ONLINE_EPOCHS = 22;

    private ExperimentPlan() {
    }

    /** The runs of {@code experiment} with seeds 1 … {@code seeds}, the dataset job first when one is needed. */
    public static List<RunSpec> build(String experiment, int seeds, String budget, Path out) {
        if (!EXPERIMENTS.contains(experiment)) {
            throw new IllegalArgumentException("experiment: expected one of " + EXPERIMENTS + ", found '" + experiment
                    + "'");
        }
        if (!BUDGETS.contains(budget)) {
            throw new IllegalArgumentException("budget: expected one of " + BUDGETS + ", found '" + budget + "'");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds: expected ≥ 1, found " + seeds);
        }
        boolean small = budget.equals("small");
        List<RunSpec> runs = new ArrayList<>();
        Path dataset = out.resolve(DATASET);
        if (!experiment.equals("ablation")) {
            runs.add(new RunSpec("dataset", "guide", 1, out.resolve("runs").resolve("dataset_guide"),
                    List.of("dataset", "guide", "--task", "crazyflie-motors", "--episodes", small ? "60" : "500",
                            "--seed", "1", "--out", dataset.toString()), 0, false, dataset));
        }
        for (long seed = 1; seed <= seeds; seed++) {
            if (experiment.equals("slopes")) {
                for (String setting : SLOPE_SETTINGS) {
                    runs.add(stackedBc(setting, seed, small, out, dataset));
                    runs.add(stackedTd3(setting, seed, small, out));
                }
            } else if (experiment.equals("comparison")) {
                runs.add(online("jsrl", "default", seed, small, out, List.of()));
                runs.add(offline("bc-offline", seed, small, out, dataset));
                runs.add(offline("td3bc", seed, small, out, dataset));
                runs.add(online("td3", "default", seed, small, out, List.of()));
            } else {
                for (boolean bc : new boolean[] {true, false}) {
                    for (boolean js : new boolean[] {true, false}) {
                        String setting = "bc-" + (bc ? "on" : "off") + "_js-" + (js ? "on" : "off");
                        runs.add(online("jsrl", setting, seed, small, out, List.of("--bc", bc ? "0.2" : "0",
                                "--guide-horizon", js ? "450" : "0")));
                    }
                }
            }
        }
        return runs;
    }

    private static RunSpec online(String method, String setting, long seed, boolean small, Path out,
            List<String> extra) {
        int epochs = small ? 30 : PAPER_ONLINE_EPOCHS;
        // the ablation's "steps to return 100" (the paper: 2,200 for the full method) needs an evaluation per epoch
        String evalEvery = setting.equals("default") ? (small ? "5" : "2") : "1";
        List<String> a = new ArrayList<>(List.of("train", method, "--seed", Long.toString(seed), "--epochs",
                Integer.toString(epochs), "--threads", "1", "--eval-episodes", "20", "--eval-seed", "20251028",
                "--eval-guide-steps", "50", "--checkpoint-every", "1", "--eval-every", evalEvery));
        if (small) {
            a.addAll(List.of("--rollouts", "4", "--updates", "20", "--batch", "64", "--critic-steps", "25",
                    "--buffer", "200000", "--guide-horizon-step", "25"));
        } else {
            a.addAll(List.of("--rollouts", "9", "--updates", "20", "--batch", "350", "--curriculum-epochs", "20"));
        }
        a.addAll(extra);
        return finish(method, setting, seed, out, a, epochs, true);
    }

    private static RunSpec offline(String method, long seed, boolean small, Path out, Path dataset) {
        boolean bc = method.equals("bc-offline");
        int epochs = small ? 30 : (bc ? 300 : 100);
        List<String> a = new ArrayList<>(List.of("train", method, "--dataset", dataset.toString(), "--seed",
                Long.toString(seed), "--epochs", Integer.toString(epochs), "--threads", "1", "--eval-episodes", "20",
                "--eval-seed", "20251028", "--eval-guide-steps", "50"));
        if (small) {
            a.addAll(List.of("--eval-every", "5", "--updates", "20", "--batch", bc ? "50" : "64"));
            if (!bc) {
                a.addAll(List.of("--critic-steps", "25"));
            }
        } else {
            a.addAll(List.of("--eval-every", "5", "--updates", "20", "--batch", bc ? "50" : "125"));
            if (!bc) {
                a.addAll(List.of("--critic-steps", "25"));
            }
        }
        return finish(method, "default", seed, out, a, epochs, false);
    }

    /** The schedule a slope-study setting names. */
    static String schedule(String setting) {
        return setting.startsWith("slope-") ? "fixed:" + setting.substring("slope-".length()) : setting;
    }

    private static RunSpec stackedBc(String setting, long seed, boolean small, Path out, Path dataset) {
        int epochs = small ? 30 : 100;
        List<String> a = new ArrayList<>(List.of("train", "bc-stacked", "--dataset", dataset.toString(), "--seed",
                Long.toString(seed), "--slope", schedule(setting), "--epochs", Integer.toString(epochs), "--updates",
                small ? "20" : "100", "--batch", "256", "--eval-episodes", "20", "--eval-seed", "20251028"));
        return finish("bc-stacked", setting, seed, out, a, epochs, false);
    }

    private static RunSpec stackedTd3(String setting, long seed, boolean small, Path out) {
        long steps = small ? 60_000 : 3_000_000;
        int testEvery = small ? 5_000 : 15_000;
        List<String> a = new ArrayList<>(List.of("train", "td3-stacked", "--seed", Long.toString(seed), "--slope",
                schedule(setting), "--steps", Long.toString(steps), "--test-every", Integer.toString(testEvery),
                "--start-steps", small ? "5000" : "10000", "--threads", "1", "--test-episodes", "20", "--test-seed",
                "20251028"));
        return finish("td3-stacked", setting, seed, out, a, (int) (steps / testEvery), false);
    }

    private static RunSpec finish(String method, String setting, long seed, Path out, List<String> args, int epochs,
            boolean resumable) {
        String id = String.format(Locale.ROOT, "%s_%s_seed%d", method, setting, seed);
        Path dir = out.resolve("runs").resolve(id);
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of("--out", dir.toString()));
        return new RunSpec(method, setting, seed, dir, List.copyOf(a), epochs, resumable, null);
    }
}
