package io.spikepilot.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.training.rl.JsrlCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's skip / resume / fresh logic on a fabricated experiment. The "child" is a fake launcher that writes
 * what a training run would (log rows up to its last epoch, or a dataset file) and exits through a real process
 * ({@code true} or {@code false}), so no training happens.
 */
class ExperimentRunnerTest {
    private static final String HEADER = "epoch,eval_return_final,seconds";

    /** Records each launch's arguments and plays the child's part. */
    private static final class FakeChild implements ExperimentRunner.Launcher {
        final Map<String, List<String>> launched = new ConcurrentHashMap<>();
        final List<String> failing = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Process start(List<String> args, Path log) throws IOException {
            Path out = Path.of(args.get(args.indexOf("--out") + 1));
            launched.put(out.getFileName().toString(), args);
            if (failing.contains(out.getFileName().toString())) {
                return new ProcessBuilder("false").start();
            }
            if (args.get(0).equals("dataset")) {
                Files.createDirectories(out.getParent());
                Files.writeString(out, "data");
            } else {
                int epochs = Integer.parseInt(args.get(args.indexOf("--epochs") + 1));
                Path file = out.resolve("log.csv");
                int from = 1;
                if (args.contains("--resume")) {
                    from = ExperimentRunner.lastEpoch(file) + 1;
                } else {
                    Files.writeString(file, HEADER + "\n");
                }
                StringBuilder rows = new StringBuilder();
                for (int e = from; e <= epochs; e++) {
                    rows.append(e).append(',').append(e % 2 == 0 ? Integer.toString(10 * e) : "").append(",1.0\n");
                }
                Files.writeString(file, rows, java.nio.file.StandardOpenOption.APPEND);
            }
            return new ProcessBuilder("true").start();
        }
    }

    private static RunSpec run(Path out, String method, long seed, int epochs, boolean resumable) {
        Path dir = out.resolve("runs").resolve(method + "_default_seed" + seed);
        return new RunSpec(method, "default", seed, dir, List.of("train", method, "--seed", Long.toString(seed),
                "--epochs", Integer.toString(epochs), "--out", dir.toString()), epochs, resumable, null);
    }

    private static void log(Path dir, int epochs, boolean cutLastRow) throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder(HEADER + "\n");
        for (int e = 1; e <= epochs; e++) {
            s.append(e).append(",,1.0\n");
        }
        if (cutLastRow) {
            s.append(epochs + 1).append(",5"); // killed while writing the row
        }
        Files.writeString(dir.resolve("log.csv"), s);
    }

    /** A checkpoint header as JsrlCheckpoint writes it, ending at the epochs-done counter. */
    private static void checkpoint(Path dir, int epochsDone) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(JsrlCheckpoint.MAGIC.getBytes(StandardCharsets.US_ASCII));
        out.writeInt(JsrlCheckpoint.VERSION);
        out.writeInt(0);
        out.writeInt(epochsDone);
        Files.write(dir.resolve("checkpoint.bin"), bytes.toByteArray());
    }

    @Test
    void completeRunsAreSkippedInterruptedOnesResumeFromTheirCheckpointAndTheRestStartAfresh(@TempDir Path out)
            throws Exception {
        Path dataset = out.resolve("data/guide.bin");
        RunSpec data = new RunSpec("dataset", "guide", 1, out.resolve("runs/dataset_guide"), List.of("dataset",
                "guide", "--episodes", "3", "--out", dataset.toString()), 0, false, dataset);
        RunSpec done = run(out, "jsrl", 1, 6, true);
        RunSpec interrupted = run(out, "jsrl", 2, 6, true);
        RunSpec offlineInterrupted = run(out, "td3bc", 1, 6, false);
        RunSpec killedBeforeCheckpoint = run(out, "td3", 1, 6, true);
        RunSpec fresh = run(out, "bc-offline", 1, 6, false);
        log(done.dir(), 6, false);
        log(interrupted.dir(), 4, true); // 4 epochs logged, a 5th half written, checkpoint after epoch 3
        checkpoint(interrupted.dir(), 3);
        log(offlineInterrupted.dir(), 2, false);
        log(killedBeforeCheckpoint.dir(), 1, false);
        List<RunSpec> plan = List.of(data, done, interrupted, offlineInterrupted, killedBeforeCheckpoint, fresh);

        assertEquals(ExperimentRunner.Action.FRESH, ExperimentRunner.decide(data));
        assertEquals(ExperimentRunner.Action.SKIP, ExperimentRunner.decide(done));
        assertEquals(ExperimentRunner.Action.RESUME, ExperimentRunner.decide(interrupted));
        assertEquals(ExperimentRunner.Action.FRESH, ExperimentRunner.decide(offlineInterrupted));
        assertEquals(ExperimentRunner.Action.FRESH, ExperimentRunner.decide(killedBeforeCheckpoint));
        assertEquals(4, ExperimentRunner.lastEpoch(interrupted.dir().resolve("log.csv")));

        FakeChild child = new FakeChild();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<ExperimentRunner.Outcome> outcomes = new ExperimentRunner("comparison", out, child, 2,
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run(plan);

        assertEquals(6, outcomes.size());
        assertFalse(child.launched.containsKey(done.dir().getFileName().toString()), "a complete run is not rerun");
        List<String> resumed = child.launched.get(interrupted.dir().getFileName().toString());
        assertEquals(interrupted.dir().resolve("checkpoint.bin").toString(),
                resumed.get(resumed.indexOf("--resume") + 1));
        assertFalse(child.launched.get(offlineInterrupted.dir().getFileName().toString()).contains("--resume"));
        assertFalse(child.launched.get(killedBeforeCheckpoint.dir().getFileName().toString()).contains("--resume"));
        assertTrue(Files.exists(dataset));

        // the resumed log was cut back to the checkpoint's epoch before the child appended epochs 4 … 6
        List<String> lines = Files.readAllLines(interrupted.dir().resolve("log.csv"));
        assertEquals(List.of(HEADER, "1,,1.0", "2,,1.0", "3,,1.0", "4,40,1.0", "5,,1.0", "6,60,1.0"), lines);
        for (RunSpec r : plan) {
            assertEquals(ExperimentRunner.Action.SKIP, ExperimentRunner.decide(r), r.id());
        }

        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        assertEquals(ExperimentRunner.INDEX_HEADER, index.get(0));
        assertEquals(1 + 6, index.size());
        assertTrue(index.get(1).startsWith("comparison,dataset,guide,1,complete,fresh,0,"), index.get(1));
        assertTrue(index.get(2).startsWith("comparison,jsrl,default,1,complete,skip,0,"), index.get(2));
        assertTrue(index.get(3).startsWith("comparison,jsrl,default,2,complete,resume,0,"), index.get(3));
        assertTrue(index.get(3).contains(",6,6,60.0000,60.0000,runs/jsrl_default_seed2,spikepilot train jsrl"),
                index.get(3));
        String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("6/6") && text.contains("resuming jsrl_default_seed2"), text);

        // a second pass over the finished experiment starts nothing
        FakeChild again = new FakeChild();
        new ExperimentRunner("comparison", out, again, 2, new PrintStream(new ByteArrayOutputStream())).run(plan);
        assertTrue(again.launched.isEmpty(), again.launched.keySet().toString());
    }

    @Test
    void aFailedChildIsReportedAndRetriedOnTheNextPass(@TempDir Path out) throws Exception {
        RunSpec r = run(out, "bc-offline", 1, 3, false);
        FakeChild child = new FakeChild();
        child.failing.add(r.dir().getFileName().toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<ExperimentRunner.Outcome> o = new ExperimentRunner("comparison", out, child, 1,
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run(List.of(r));
        assertEquals(1, o.get(0).exitCode());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("FAILED (exit 1"));
        assertTrue(Files.readAllLines(out.resolve("index.csv")).get(1).contains(",failed,fresh,1,"));
        child.failing.clear();
        new ExperimentRunner("comparison", out, child, 1, new PrintStream(new ByteArrayOutputStream())).run(List.of(r));
        assertEquals(ExperimentRunner.Action.SKIP, ExperimentRunner.decide(r));
    }

    @Test
    void thePlansHoldEveryMethodSettingAndSeedOnOneThreadEach(@TempDir Path out) {
        List<RunSpec> comparison = ExperimentPlan.build("comparison", 2, "small", out);
        assertEquals(1 + 4 * 2, comparison.size());
        assertEquals("dataset", comparison.get(0).method());
        assertEquals(List.of("jsrl", "bc-offline", "td3bc", "td3"), comparison.subList(1, 5).stream()
                .map(RunSpec::method).toList());
        List<RunSpec> ablation = ExperimentPlan.build("ablation", 1, "paper", out);
        assertEquals(List.of("bc-on_js-on", "bc-on_js-off", "bc-off_js-on", "bc-off_js-off"), ablation.stream()
                .map(RunSpec::setting).toList());
        for (RunSpec r : ablation) {
            String bc = r.setting().startsWith("bc-on") ? "0.2" : "0";
            String js = r.setting().endsWith("js-on") ? "450" : "0";
            assertEquals(bc, r.args().get(r.args().indexOf("--bc") + 1));
            assertEquals(js, r.args().get(r.args().indexOf("--guide-horizon") + 1));
        }
        for (RunSpec r : comparison.subList(1, comparison.size())) {
            assertEquals("1", r.args().get(r.args().indexOf("--threads") + 1), r.id());
            assertEquals("20", r.args().get(r.args().indexOf("--eval-episodes") + 1), r.id());
            assertEquals("20251028", r.args().get(r.args().indexOf("--eval-seed") + 1), r.id());
            assertEquals(r.method().equals("jsrl") || r.method().equals("td3"), r.resumable(), r.id());
        }
        assertEquals(comparison.size(), comparison.stream().map(RunSpec::dir).distinct().count());
    }

    @Test
    void theSlopeStudyRunsBothMethodsAtEverySlopeOnTheSharedDataset(@TempDir Path out) {
        List<RunSpec> slopes = ExperimentPlan.build("slopes", 2, "small", out);
        assertEquals(1 + 2 * 5 * 2, slopes.size());
        assertEquals("dataset", slopes.get(0).method());
        List<String> schedules = List.of("fixed:2", "fixed:50", "fixed:100", "interval", "adaptive");
        for (int s = 0; s < 5; s++) {
            RunSpec bc = slopes.get(1 + 2 * s);
            RunSpec td3 = slopes.get(2 + 2 * s);
            assertEquals("bc-stacked", bc.method());
            assertEquals("td3-stacked", td3.method());
            assertEquals(ExperimentPlan.SLOPE_SETTINGS.get(s), td3.setting());
            assertEquals(schedules.get(s), bc.args().get(bc.args().indexOf("--slope") + 1));
            assertEquals(schedules.get(s), td3.args().get(td3.args().indexOf("--slope") + 1));
            assertEquals(out.resolve(ExperimentPlan.DATASET).toString(),
                    bc.args().get(bc.args().indexOf("--dataset") + 1));
        }
        // 60,000 steps at an epoch per 5,000: the runner knows a TD3 run is complete after 12 logged epochs
        assertEquals(12, slopes.get(2).epochs());
        assertEquals(30, slopes.get(1).epochs());
    }
}
