package io.spikepilot.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.training.bc.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsrlTrainerTest {
    /** A run small enough for a test: a 32-16 SNN on the paper's task, short rounds, a small buffer. */
    static JsrlConfig small() {
        JsrlConfig c = new JsrlConfig();
        c.hidden = new int[] {32, 16};
        c.criticHidden = new int[] {64, 32};
        c.epochs = 4;
        c.rolloutsPerEpoch = 4;
        c.updatesPerEpoch = 4;
        c.batchSize = 8;
        c.criticSteps = 16;
        c.bufferTransitions = 50_000;
        c.evalEvery = 2;
        c.evalEpisodes = 4;
        c.threads = 2;
        c.seed = 7;
        return c;
    }

    @Test
    void theGuideHorizonShrinksByItsStepToTheWarmupAndTheCurriculumClimbsInSixEvenSteps() {
        JsrlConfig c = small();
        c.epochs = 70;
        c.curriculumEpochs = 0; // the whole run
        JsrlTrainer t = new JsrlTrainer(c);
        try {
            assertEquals(450, t.guideHorizon(0));
            assertEquals(425, t.guideHorizon(1));
            assertEquals(50, t.guideHorizon(16));
            assertEquals(50, t.guideHorizon(40));
            assertEquals(0, t.curriculumLevel(0));
            assertEquals(0, t.curriculumLevel(9));
            assertEquals(1, t.curriculumLevel(10));
            assertEquals(6, t.curriculumLevel(60));
            assertEquals(6, t.curriculumLevel(69));
        } finally {
            t.close();
        }
    }

    @Test
    void lambdaBcDecaysByItsFactorEveryEpochAndEvaluationsComeEveryEvalEpochs() {
        JsrlConfig c = small();
        c.epochs = 3;
        c.updatesPerEpoch = 1;
        c.evalEvery = 2;
        JsrlTrainer t = new JsrlTrainer(c);
        try {
            JsrlTrainer.Result r = t.train(new JsrlTrainer.Listener() { });
            assertEquals(0.2, r.log().get(0).bcWeight(), 1e-12);
            assertEquals(0.2 * 0.99, r.log().get(1).bcWeight(), 1e-12);
            assertEquals(0.2 * 0.99 * 0.99, r.log().get(2).bcWeight(), 1e-12);
            assertEquals(null, r.log().get(0).evaluation());
            assertTrue(r.log().get(1).evaluation() != null && r.log().get(2).evaluation() != null);
            assertEquals(4, r.log().get(0).collected().accepted());
        } finally {
            t.close();
        }
    }

    @Test
    void twoRunsWithOneSeedGiveTheSameBits() {
        float[] a = run(small());
        float[] b = run(small());
        assertArrayEquals(a, b);
        JsrlConfig other = small();
        other.seed = 8;
        assertTrue(!Arrays.equals(a, run(other)), "another seed trained the same network");
    }

    private static float[] run(JsrlConfig c) {
        JsrlTrainer t = new JsrlTrainer(c);
        try {
            t.train(new JsrlTrainer.Listener() { });
            return t.actor().parameters().clone();
        } finally {
            t.close();
        }
    }

    @Test
    void aShortSeededRunRaisesTheTestReturn() {
        // the paper's actor loss with the guide's labels for the BC term; at this size and seed the test return
        // (the guide flies the first 50 steps) goes from about 30 to about 110 in 16 epochs
        JsrlConfig c = small();
        c.epochs = 16;
        c.updatesPerEpoch = 20;
        c.batchSize = 16;
        c.evalEvery = 4;
        c.evalEpisodes = 10;
        c.curriculumEpochs = 1000; // level 0 throughout, so returns compare
        c.bcTarget = JsrlConfig.BcTarget.GUIDE;
        JsrlTrainer t = new JsrlTrainer(c);
        try {
            JsrlTrainer.Result r = t.train(new JsrlTrainer.Listener() { });
            double first = r.log().get(3).evaluation().meanReturn();
            double last = r.log().get(15).evaluation().meanReturn();
            assertTrue(last > 80 && last > first + 40, "test return " + first + " → " + last);
            double best = Double.NEGATIVE_INFINITY;
            for (int e = 3; e < 16; e += 4) {
                best = Math.max(best, r.log().get(e).finalEvaluation().meanReturn());
            }
            assertEquals(best, r.bestEvaluation().meanReturn(), 1e-9, "the kept network is the best at the last level");
        } finally {
            t.close();
        }
    }

    @Test
    void aCheckpointResumesWhereTheRunStoppedAndRefusesAnotherConfig(@TempDir Path dir) throws IOException {
        JsrlConfig c = small();
        c.epochs = 2;
        JsrlTrainer first = new JsrlTrainer(c);
        Path file = dir.resolve("checkpoint.bin");
        try {
            first.train(new JsrlTrainer.Listener() { });
            JsrlCheckpoint.write(file, first);
        } finally {
            first.close();
        }
        JsrlConfig longer = small();
        longer.epochs = 3;
        JsrlTrainer resumed = new JsrlTrainer(longer);
        try {
            JsrlCheckpoint.restore(file, resumed);
            assertEquals(2, resumed.epochsDone());
            assertArrayEquals(first.actor().parameters(), resumed.actor().parameters());
            assertArrayEquals(first.learner().critics().q2Network().parameters(),
                    resumed.learner().critics().q2Network().parameters());
            assertArrayEquals(first.learner().actorAdam().secondMoments(),
                    resumed.learner().actorAdam().secondMoments());
            assertEquals(first.bcWeight(), resumed.bcWeight());
            assertEquals(first.evaluatedReturns(), resumed.evaluatedReturns());
            JsrlTrainer.Result r = resumed.train(new JsrlTrainer.Listener() { });
            assertEquals(1, r.log().size());
            assertEquals(3, r.log().get(0).epoch());
        } finally {
            resumed.close();
        }
        JsrlConfig other = small();
        other.batchSize = 9;
        JsrlTrainer wrong = new JsrlTrainer(other);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> JsrlCheckpoint.restore(file, wrong));
            assertEquals("checkpoint " + file + ": field 'batch' expected 9 (this run's setting), found 8 (the "
                    + "checkpoint's); resume with the checkpoint's config.txt as --config", e.getMessage());
        } finally {
            wrong.close();
        }
    }

    @Test
    void truncatedCorruptAndForeignCheckpointsAreRefusedWithTheFileNamed(@TempDir Path dir) throws IOException {
        JsrlConfig c = small();
        c.epochs = 1;
        c.updatesPerEpoch = 1;
        JsrlTrainer t = new JsrlTrainer(c);
        Path good = dir.resolve("good.bin");
        try {
            t.train(new JsrlTrainer.Listener() { });
            JsrlCheckpoint.write(good, t);
            byte[] bytes = Files.readAllBytes(good);
            Path cut = dir.resolve("cut.bin");
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            assertEquals("checkpoint " + cut + ": truncated (the file ends before its last field)",
                    assertThrows(IllegalArgumentException.class, () -> JsrlCheckpoint.restore(cut, t)).getMessage());
            Path foreign = dir.resolve("foreign.bin");
            Files.writeString(foreign, "this is not a checkpoint at all, just some text");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> JsrlCheckpoint.restore(foreign, t))
                    .getMessage().contains("expected the magic"));
            Path version = dir.resolve("version.bin");
            byte[] other = bytes.clone();
            other[JsrlCheckpoint.MAGIC.length() + 3] = 9;
            Files.write(version, other);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> JsrlCheckpoint.restore(version, t))
                    .getMessage().endsWith("field 'version' expected 1, found 9"));
            Path longer = dir.resolve("longer.bin");
            byte[] extra = Arrays.copyOf(bytes, bytes.length + 4);
            Files.write(longer, extra);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> JsrlCheckpoint.restore(longer, t))
                    .getMessage().contains("found more bytes"));
        } finally {
            t.close();
        }
    }
}
