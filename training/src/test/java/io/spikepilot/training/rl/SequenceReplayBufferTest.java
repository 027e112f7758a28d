package io.spikepilot.training.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceReplayBufferTest {
    private static final int OBS = 3;
    private static final int PRIV = 5;
    private static final int ACT = 2;

    /** A rollout whose every value encodes its step: obs = 1000·t + i, priv = −(1000·t + i), act, reward = t. */
    static final class Rollout {
        final float[] obs;
        final float[] priv;
        final float[] act;
        final float[] rew;
        final int steps;

        Rollout(int steps) {
            this.steps = steps;
            obs = new float[(steps + 1) * OBS];
            priv = new float[(steps + 1) * PRIV];
            act = new float[steps * ACT];
            rew = new float[steps];
            for (int t = 0; t <= steps; t++) {
                for (int i = 0; i < OBS; i++) {
                    obs[t * OBS + i] = 1000 * t + i;
                }
                for (int i = 0; i < PRIV; i++) {
                    priv[t * PRIV + i] = -(1000 * t + i);
                }
                if (t < steps) {
                    act[t * ACT] = t;
                    act[t * ACT + 1] = t + 0.5f;
                    rew[t] = t;
                }
            }
        }
    }

    private static SequenceReplayBuffer buffer(long capacity) {
        return new SequenceReplayBuffer(capacity, 100, 50, 100, OBS, PRIV, ACT);
    }

    private static int firstStep(SequenceReplayBuffer b, int window) {
        return (int) (b.observations()[b.observationOffset(window, 0)] / 1000);
    }

    @Test
    void aFullEpisodeIsCutIntoNineWindowsWithStrideFifty() {
        SequenceReplayBuffer b = buffer(100_000);
        Rollout r = new Rollout(500);
        assertEquals(9, b.addRollout(r.obs, r.priv, r.act, r.rew, r.steps, false));
        for (int w = 0; w < 9; w++) {
            assertEquals(50 * w, firstStep(b, w));
        }
    }

    @Test
    void theLastStepsFormAFinalWindowWhenTheStrideMissesThem() {
        SequenceReplayBuffer b = buffer(100_000);
        Rollout r = new Rollout(170);
        assertEquals(3, b.addRollout(r.obs, r.priv, r.act, r.rew, r.steps, true));
        assertEquals(0, firstStep(b, 0));
        assertEquals(50, firstStep(b, 1));
        assertEquals(70, firstStep(b, 2));
    }

    @Test
    void rolloutsNoLongerThanTwiceTheWarmupAreRefused() {
        SequenceReplayBuffer b = buffer(100_000);
        Rollout shortOne = new Rollout(100);
        assertEquals(0, b.addRollout(shortOne.obs, shortOne.priv, shortOne.act, shortOne.rew, 100, true));
        assertEquals(1, b.rolloutsRefused());
        assertEquals(0, b.size());
        Rollout justLongEnough = new Rollout(101);
        assertEquals(2, b.addRollout(justLongEnough.obs, justLongEnough.priv, justLongEnough.act,
                justLongEnough.rew, 101, true));
        assertEquals(1, firstStep(b, 1));
    }

    @Test
    void aWindowHoldsItsStepsAndTheObservationsAfterItsLastStep() {
        SequenceReplayBuffer b = buffer(100_000);
        Rollout r = new Rollout(230);
        b.addRollout(r.obs, r.priv, r.act, r.rew, r.steps, false);
        int w = 2; // steps 100..199
        assertEquals(100_000f + 1, b.observations()[b.observationOffset(w, 0) + 1]);
        assertEquals(200_000f + 2, b.observations()[b.observationOffset(w, 100) + 2]);
        assertEquals(-(200_000f + 4), b.privilegedObservations()[b.privilegedOffset(w, 100) + 4]);
        assertEquals(199.5f, b.actions()[b.actionOffset(w, 99) + 1]);
        assertEquals(142f, b.rewards()[b.stepIndex(w, 42)]);
    }

    @Test
    void onlyTheLastStepOfACrashIsTerminalAndATimeOutIsNot() {
        SequenceReplayBuffer b = buffer(100_000);
        Rollout r = new Rollout(170);
        b.addRollout(r.obs, r.priv, r.act, r.rew, r.steps, true);
        int terminals = 0;
        for (int w = 0; w < 3; w++) {
            for (int t = 0; t < 100; t++) {
                terminals += b.terminal()[b.stepIndex(w, t)] ? 1 : 0;
            }
        }
        assertEquals(1, terminals);
        assertTrue(b.terminal()[b.stepIndex(2, 99)]);
        Rollout timeout = new Rollout(500);
        b.addRollout(timeout.obs, timeout.priv, timeout.act, timeout.rew, 500, false);
        assertFalse(b.terminal()[b.stepIndex(b.size() - 1, 99)]);
    }

    @Test
    void aFullBufferOverwritesItsOldestWindows() {
        SequenceReplayBuffer b = buffer(1_000); // 10 windows
        Rollout r = new Rollout(500);
        b.addRollout(r.obs, r.priv, r.act, r.rew, 500, false);
        b.addRollout(r.obs, r.priv, r.act, r.rew, 500, false);
        assertEquals(10, b.size());
        assertEquals(18, b.windowsAdded());
        // windows 0..7 of the second rollout overwrote slots 9, 0..6: slot 0 now holds its second window
        assertEquals(50, firstStep(b, 0));
        assertEquals(400, firstStep(b, 8));
    }

    @Test
    void sizeAndMemoryAreStated() {
        SequenceReplayBuffer b = new SequenceReplayBuffer(2_000_000, 100, 50, 100, 1, 1, 1);
        assertEquals(20_000, b.capacityWindows());
        // per window: 101 · (1 + 1) floats + 100 · (2 action floats + 1 reward float + 1 flag byte)
        assertEquals(20_000L * (4 * 101 * 2 + 100 * 13), b.bytes());
        assertEquals(1_399_120_000L, SequenceReplayBuffer.bytesFor(2_000_000, 100, 18, 146, 4));
    }

    @Test
    void samplingIsSeededAndUniformOverStoredWindows() {
        SequenceReplayBuffer b = buffer(100_000);
        Rollout r = new Rollout(500);
        b.addRollout(r.obs, r.priv, r.act, r.rew, 500, false);
        int[] first = new int[9000];
        int[] second = new int[9000];
        b.sample(new SplittableRandom(3), first, first.length);
        b.sample(new SplittableRandom(3), second, second.length);
        assertArrayEquals(first, second);
        int[] counts = new int[9];
        for (int w : first) {
            counts[w]++;
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, "window drawn " + c + " times of 9000");
        }
    }

    @Test
    void badSettingsAndEmptySamplingAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequenceReplayBuffer(99, 100, 50, 100, OBS, PRIV, ACT));
        assertEquals("replay buffer: field 'buffer' expected at least one window (100 transitions), found 99",
                e.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> buffer(1000).sample(new SplittableRandom(1), new int[1], 1));
        assertTrue(empty.getMessage().contains("empty"));
    }
}
