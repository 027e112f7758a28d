package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.training.rl.JsrlConfig;
import io.spikepilot.training.rl.JsrlTrainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The baselines' commands: train td3, dataset guide, train bc-offline, train td3bc. */
class TrainBaselinesCommandTest {
    private static final String[] OFFLINE = {"--hidden", "16,8", "--critic-hidden", "32,16", "--epochs", "2",
        "--updates", "2", "--batch", "4", "--critic-steps", "8", "--eval-every", "1", "--eval-episodes", "2",
        "--threads", "1"};

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void td3IsJsrlWithoutJumpStartBcTermOrGuideWhileCollecting() {
        JsrlConfig c = new JsrlConfig();
        TrainTd3Command.applyPreset(c);
        assertEquals(0, c.guideHorizon);
        assertEquals(0.0, c.bcWeight);
        assertFalse(c.guideWarmup);
        c.hidden = new int[] {8, 4};
        c.criticHidden = new int[] {8, 4};
        c.epochs = 1;
        c.rolloutsPerEpoch = 2;
        c.updatesPerEpoch = 1;
        c.batchSize = 2;
        c.bufferTransitions = 20_000;
        c.evalEpisodes = 2;
        c.threads = 1;
        JsrlTrainer t = new JsrlTrainer(c);
        try {
            assertEquals(0, t.guideHorizon(0));
            JsrlTrainer.Result r = t.train(new JsrlTrainer.Listener() {
            });
            // the guide never flew a collected step; the untrained SNN crashes before 2 × warm-up, so the buffer
            // stays empty (the paper's explanation of TD3's failure)
            assertEquals(0, r.log().get(0).collected().guideSteps());
            assertTrue(r.log().get(0).collected().steps() > 0);
        } finally {
            t.close();
        }
    }

    @Test
    void td3AnswersHelpAndWritesItsRunWithTheMethodNamed(@TempDir Path dir) throws Exception {
        Outcome help = run("train", "td3", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--guide-warmup"), help.out());
        Outcome o = run("train", "td3", "--hidden", "8,4", "--critic-hidden", "8,4", "--epochs", "1", "--rollouts",
                "1", "--updates", "1", "--batch", "2", "--buffer", "20000", "--eval-episodes", "2", "--threads", "1",
                "--out", dir.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        String config = Files.readString(dir.resolve("config.txt"));
        assertTrue(config.contains("guide-horizon=0\n") && config.contains("bc=0.0\n")
                && config.contains("guide-warmup=false\n"), config);
        LoadedPolicy p = PolicyFile.load(dir.resolve("policy.safetensors"));
        assertEquals("td3", p.metadata().notes().get("method"));
    }

    @Test
    void aGuideDatasetIsWrittenOnceAndBothOfflineBaselinesTrainOnIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("guide.bin");
        Outcome d = run("dataset", "guide", "--episodes", "3", "--seed", "2", "--envs", "3", "--out", data.toString());
        assertEquals(0, d.status(), d.out() + d.err());
        assertTrue(d.out().contains("3 episodes") && d.out().contains("made by: spikepilot dataset guide"), d.out());

        for (String method : List.of("bc-offline", "td3bc")) {
            Path out = dir.resolve(method);
            Outcome o = run(concat(new String[] {"train", method, "--dataset", data.toString(), "--out",
                out.toString()}, OFFLINE));
            assertEquals(0, o.status(), method + ": " + o.out() + o.err());
            List<String> log = Files.readAllLines(out.resolve("log.csv"));
            assertEquals(3, log.size(), String.join("\n", log));
            assertTrue(log.get(0).contains("eval_return_final"));
            String config = Files.readString(out.resolve("config.txt"));
            assertTrue(config.contains("method=" + method) && config.contains("dataset=" + data), config);
            assertEquals(method, PolicyFile.load(out.resolve("policy.safetensors")).metadata().notes().get("method"));
            // its config.txt is a valid --config
            Outcome again = run("train", method, "--config", out.resolve("config.txt").toString(), "--epochs", "1",
                    "--out", dir.resolve(method + "-again").toString());
            assertEquals(0, again.status(), again.out() + again.err());
        }
    }

    @Test
    void aBadDatasetExitsTwoNamingTheFileAndField(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.bin");
        Files.writeString(bad, "SPKGUIDE");
        Outcome o = run(concat(new String[] {"train", "td3bc", "--dataset", bad.toString(), "--out",
            dir.resolve("r").toString()}, OFFLINE));
        assertEquals(2, o.status());
        assertTrue(o.err().contains("train td3bc: dataset " + bad) && o.err().contains("'version'"), o.err());
        assertFalse(Files.exists(dir.resolve("r")));
        Outcome none = run("train", "bc-offline", "--out", dir.resolve("s").toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--dataset expected a guide dataset file"), none.err());
    }

    @Test
    void theSlopeStudysCommandsWriteOneLogRowPerEpochAndRejectBadOptions(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("guide.bin");
        assertEquals(0, run("dataset", "guide", "--episodes", "2", "--seed", "2", "--envs", "2", "--out",
                data.toString()).status());
        Path bc = dir.resolve("bc");
        Outcome b = run("train", "bc-stacked", "--dataset", data.toString(), "--hidden", "16,8", "--epochs", "2",
                "--updates", "2", "--batch", "8", "--eval-episodes", "2", "--slope", "fixed:50", "--out",
                bc.toString());
        assertEquals(0, b.status(), b.err());
        List<String> log = Files.readAllLines(bc.resolve("log.csv"));
        assertEquals(io.spikepilot.training.stacked.StackedLog.HEADER, log.get(0));
        assertEquals(3, log.size());
        assertTrue(log.get(2).startsWith("2,50.000,"), log.get(2));
        assertTrue(Files.readString(bc.resolve("config.txt")).contains("slope=fixed:50"));

        Path td3 = dir.resolve("td3");
        Outcome t = run("train", "td3-stacked", "--hidden", "16,8", "--steps", "400", "--test-every", "200",
                "--start-steps", "200", "--batch", "8", "--test-episodes", "2", "--buffer", "1000", "--slope",
                "fixed:100", "--out", td3.toString());
        assertEquals(0, t.status(), t.err());
        List<String> tlog = Files.readAllLines(td3.resolve("log.csv"));
        assertEquals(3, tlog.size());
        assertTrue(tlog.get(2).startsWith("2,100.000,400,"), tlog.get(2));
        assertTrue(Files.readString(td3.resolve("config.txt")).contains("actor=snn-stacked"));

        Outcome bad = run("train", "td3-stacked", "--slope", "steep", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--slope"), bad.err());
        Outcome noData = run("train", "bc-stacked", "--dataset", dir.resolve("missing.bin").toString(), "--out",
                dir.resolve("y").toString());
        assertEquals(2, noData.status());
        assertTrue(noData.err().contains("missing.bin"), noData.err());
    }
}
