package io.spikepilot.training.report.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes FABRICATED experiment folders for tests, laid out as {@code spikepilot experiment} lays them out. Nothing
 * here was trained: the numbers are chosen so that means, deviations and first-reach steps can be worked out by hand,
 * and every config.txt carries {@value #MARKER}=true so no one mistakes a copy for results.
 */
final class FabricatedExperiment {
    static final String MARKER = "fabricated-test-data";
    static final String LOG_HEADER = "epoch,curriculum_level,guide_horizon,slope,bc_weight,rollouts,refused,"
            + "collect_return,collect_length,windows,env_steps,critic_loss,mean_q,lambda,bc_loss,actor_grad_norm,"
            + "eval_return,eval_length,eval_crashes,eval_position_error_m,eval_return_final,eval_length_final,"
            + "collect_s,update_s,critic_s,actor_s,eval_s,seconds";
    static final String INDEX_HEADER = "experiment,method,setting,seed,status,action,exit_code,seconds,"
            + "epochs_logged,epochs,final_return_last_level,best_return_last_level,run_dir,command";

    private final Path dir;
    private final String experiment;
    private final List<String> index = new ArrayList<>();

    FabricatedExperiment(Path dir, String experiment) {
        this.dir = dir;
        this.experiment = experiment;
    }

    Path dir() {
        return dir;
    }

    /** A log row of epoch {@code epoch}; {@code ret} null for an epoch without evaluation. */
    static String row(int epoch, double envSteps, Double ret, Double len) {
        String eval = ret == null ? ",,,," : String.format(Locale.ROOT, "%s,%s,0,0.1,%s", ret, len, ret);
        String evalLen = ret == null ? "" : String.valueOf(len);
        return String.format(Locale.ROOT, "%d,0,0,2.0,0.2,4,0,400,500,36,%s,0.1,1.0,1.0,0.1,0.1,%s,%s,0.0,0.0,0.0,"
                + "0.0,0.0,%d", epoch, fmt(envSteps), eval, evalLen, epoch);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * A run folder with config.txt (seed, epochs, commit when given), a log with {@code rows} (none: no log.csv),
     * and, when {@code indexStatus} is not null, its row in index.csv.
     */
    FabricatedExperiment run(String method, String setting, long seed, String indexStatus, int epochs, String commit,
            String... rows) throws IOException {
        String id = method + "_" + setting + "_seed" + seed;
        Path run = dir.resolve("runs").resolve(id);
        Files.createDirectories(run);
        String command = "spikepilot train " + method + " --seed " + seed + " --epochs " + epochs
                + " --hidden 128,64 --out " + run;
        List<String> config = new ArrayList<>(List.of("# FABRICATED test data, not a training run", MARKER + "=true",
                "command=" + command, "seed=" + seed, "epochs=" + epochs));
        if (commit != null) {
            config.add("commit=" + commit);
        }
        Files.write(run.resolve("config.txt"), config, StandardCharsets.UTF_8);
        if (rows.length > 0) {
            List<String> log = new ArrayList<>(List.of(LOG_HEADER));
            log.addAll(List.of(rows));
            Files.write(run.resolve("log.csv"), log, StandardCharsets.UTF_8);
        }
        if (indexStatus != null) {
            index.add(String.join(",", experiment, method, setting, Long.toString(seed), indexStatus, "fresh",
                    indexStatus.equals("failed") ? "1" : "0", "12.5", Integer.toString(epochs),
                    Integer.toString(epochs), "", "", "runs/" + id, "\"" + command + "\""));
        }
        return this;
    }

    /** The shared dataset job: a folder with only stdout.txt, and its index row. */
    FabricatedExperiment dataset() throws IOException {
        Path run = dir.resolve("runs").resolve("dataset_guide");
        Files.createDirectories(run);
        Files.writeString(run.resolve("stdout.txt"), "FABRICATED test data: wrote data/guide.bin\n");
        index.add(String.join(",", experiment, "dataset", "guide", "1", "complete", "fresh", "0", "1.1", "0", "0", "",
                "", "runs/dataset_guide", "spikepilot dataset guide --seed 1"));
        return this;
    }

    FabricatedExperiment writeIndex() throws IOException {
        List<String> lines = new ArrayList<>(List.of(INDEX_HEADER));
        lines.addAll(index);
        Files.write(dir.resolve("index.csv"), lines, StandardCharsets.UTF_8);
        return this;
    }

    /**
     * The comparison this suite checks by hand:
     * <ul>
     *   <li>jsrl seeds 1, 2 complete: returns 50 → 150 and 120 → 130 at epochs 5, 10 (env steps 1000/2000 and
     *       1100/2100), lengths 100 → 300 and 200 → 400;</li>
     *   <li>td3 seed 1 complete, returns 10, 20 (never 100); seed 2 incomplete after epoch 5 (return 30);</li>
     *   <li>bc-offline seed 1 complete on a 30000-step dataset, returns 90, 110; seed 2 failed with a log whose
     *       line 3 has env_steps 'abc';</li>
     *   <li>td3bc seed 1 not in the index yet, its log cut short in line 4;</li>
     *   <li>the dataset job.</li>
     * </ul>
     */
    static FabricatedExperiment comparison(Path dir) throws IOException {
        FabricatedExperiment e = new FabricatedExperiment(dir, "comparison").dataset();
        e.run("jsrl", "default", 1, "complete", 10, "c0ffee1", row(1, 200, null, null), row(5, 1000, 50.0, 100.0),
                row(10, 2000, 150.0, 300.0));
        e.run("jsrl", "default", 2, "complete", 10, "c0ffee2", row(5, 1100, 120.0, 200.0), row(10, 2100, 130.0, 400.0));
        e.run("td3", "default", 1, "complete", 10, "c0ffee3", row(5, 900, 10.0, 40.0), row(10, 1900, 20.0, 42.0));
        e.run("td3", "default", 2, "incomplete", 10, "c0ffee4", row(5, 950, 30.0, 44.0));
        e.run("bc-offline", "default", 1, "complete", 10, null, row(5, 30000, 90.0, 250.0),
                row(10, 30000, 110.0, 260.0));
        e.run("bc-offline", "default", 2, "failed", 10, null, row(5, 30000, 80.0, 250.0),
                row(6, 30000, null, null).replace(",30000,", ",abc,"));
        e.run("td3bc", "default", 1, null, 10, "c0ffee5", row(5, 30000, 60.0, 200.0), row(6, 30000, null, null),
                "7,0,0,2.0,0.2");
        return e.writeIndex();
    }
}
