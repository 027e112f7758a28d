package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.snn.LoadedPolicy;
import io.spikepilot.controller.snn.PolicyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainJsrlCommandTest {
    private static final String[] SMALL = {"--hidden", "16,8", "--critic-hidden", "32,16", "--epochs", "2",
        "--rollouts", "3", "--updates", "2", "--batch", "4", "--critic-steps", "8", "--buffer", "20000",
        "--eval-every", "1", "--eval-episodes", "2", "--checkpoint-every", "1", "--threads", "1"};

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
    void aRunWritesItsConfigLogCurvesCheckpointAndAPolicyWithProvenance(@TempDir Path dir) throws Exception {
        Outcome o = run(concat(new String[] {"train", "jsrl", "--seed", "3", "--out", dir.toString()}, SMALL));
        assertEquals(0, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("replay buffer: 200 windows of 100 steps"), o.out());
        assertEquals(1 + 2, Files.readAllLines(dir.resolve("log.csv")).size());
        assertTrue(Files.size(dir.resolve("learning-curve.png")) > 1000);
        assertTrue(Files.exists(dir.resolve("checkpoint.bin")));
        String config = Files.readString(dir.resolve("config.txt"));
        assertTrue(config.contains("seed=3") && config.contains("actor-q=policy"), config);
        LoadedPolicy policy = PolicyFile.load(dir.resolve("policy.safetensors"));
        assertEquals(3, policy.metadata().provenance().seed());
        assertEquals("motors", policy.metadata().actionSpace().id());
        assertEquals("td3bc+jsrl", policy.metadata().notes().get("method"));
        assertTrue(policy.metadata().provenance().command().startsWith("spikepilot train jsrl --seed 3"));

        // its config.txt trains the same run again, and its checkpoint resumes with more epochs
        Path again = dir.resolve("again");
        Outcome repeat = run("train", "jsrl", "--config", dir.resolve("config.txt").toString(), "--out",
                again.toString());
        assertEquals(0, repeat.status(), repeat.err());
        assertEquals(Files.readAllLines(dir.resolve("log.csv")).get(2).split(",")[16],
                Files.readAllLines(again.resolve("log.csv")).get(2).split(",")[16], "same test return");
        Outcome resumed = run("train", "jsrl", "--resume", dir.resolve("checkpoint.bin").toString(), "--epochs",
                "3");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resumed from"), resumed.out());
        List<String> log = Files.readAllLines(dir.resolve("log.csv"));
        assertEquals(1 + 3, log.size());
        assertTrue(log.get(3).startsWith("3,"), log.get(3));
    }

    @Test
    void badOptionsExitTwoNamingTheOptionAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("run");
        String[][] bad = {
            {"--epochs", "0"}, {"--lr", "-1"}, {"--slope", "steep:3"}, {"--task", "bogus"},
            {"--actor-q", "both"}, {"--batch", "many"}};
        String[] named = {"--epochs expected ≥ 1, found 0", "--lr expected > 0, found -1.0", "--slope expected",
            "--task expected one of [crazyflie-motors, x500-attitude], found 'bogus'", "--actor-q expected one of",
            "--batch expected a number, found 'many'"};
        for (int i = 0; i < bad.length; i++) {
            Outcome o = run(concat(new String[] {"train", "jsrl", "--out", out.toString()}, bad[i]));
            assertEquals(2, o.status(), String.join(" ", bad[i]));
            assertTrue(o.err().contains(named[i]), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            assertFalse(Files.exists(out), "a refused run left " + out);
        }
    }

    @Test
    void aConfigFileWithAnUnknownKeyOrABadLineIsRefusedNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.txt");
        Files.writeString(file, "# mine\nseed=4\nlearning_rate=0.1\n");
        Outcome o = run("train", "jsrl", "--config", file.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("config file " + file + ", line 3: unknown key 'learning_rate'"), o.err());
        Files.writeString(file, "seed 4\n");
        o = run("train", "jsrl", "--config", file.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("line 1: expected key=value, found 'seed 4'"), o.err());
        Files.write(file, new byte[100_000]);
        o = run("train", "jsrl", "--config", file.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("expected at most 65536 bytes, found 100000"), o.err());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void aResumeFromAnotherConfigOrAnythingElseIsRefused(@TempDir Path dir) throws Exception {
        Path notCheckpoint = dir.resolve("x.bin");
        Files.writeString(notCheckpoint, "hello");
        Outcome o = run("train", "jsrl", "--resume", notCheckpoint.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("checkpoint " + notCheckpoint), o.err());
        Outcome first = run(concat(new String[] {"train", "jsrl", "--out", dir.toString()},
                SMALL));
        assertEquals(0, first.status(), first.err());
        long before = Files.size(dir.resolve("log.csv"));
        o = run("train", "jsrl", "--resume", dir.resolve("checkpoint.bin").toString(), "--batch", "5");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("field 'batch' expected 5 (this run's setting), found 4"), o.err());
        assertEquals(before, Files.size(dir.resolve("log.csv")), "a refused resume touched the log");
    }

    @Test
    void trainAndEverySubcommandAnswerHelp() {
        for (String[] args : new String[][] {{"train", "--help"}, {"train", "-h"}, {"train", "jsrl", "--help"},
            {"train", "bc", "--help"}}) {
            Outcome o = run(args);
            assertEquals(0, o.status(), String.join(" ", args) + ": " + o.err());
            assertTrue(o.out().contains("Usage:"), o.out());
        }
        assertTrue(run("train", "jsrl", "--help").out().contains("--actor-q"));
    }
}
