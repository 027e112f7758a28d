package io.spikepilot.training.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Linear;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.rl.JsrlEpoch;
import io.spikepilot.training.rl.TwinCritics;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The offline baselines' losses on a batch small enough to work out by hand: one episode of exactly one window, an
 * actor whose weights are all zero (so no LIF neuron ever fires and its output is tanh of the readout's bias at
 * every step), labels that equal c after the warm-up and 100 inside it (a loss that leaked into the warm-up would
 * be thousands).
 */
class OfflineLossTest {
    private static final int L = 20;
    private static final int WARMUP = 8;
    private static final float[] BIAS = {0.5f, -0.25f, 0f, 1f};
    private static final float[] C = {0.1f, 0.2f, -0.3f, 0.4f};
    /** Σ_k (tanh(b_k) − c_k)², worked out by hand (to double precision). */
    private static final double HAND = 0.5498317853585383;

    private static GuideRollouts dataset() {
        int steps = L;
        float[] act = new float[steps * 4];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < 4; k++) {
                act[t * 4 + k] = t < WARMUP ? 100f : C[k];
            }
        }
        SplittableRandom r = new SplittableRandom(3);
        float[] obs = new float[(steps + 1) * 18];
        float[] priv = new float[(steps + 1) * 146];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < priv.length; i++) {
            priv[i] = (float) r.nextGaussian();
        }
        float[] rew = new float[steps];
        Arrays.fill(rew, 1f);
        return new GuideRollouts("test", "crazyflie-motors", 1, 0, 0, 18, 146, 4, 500, new int[] {steps},
                new boolean[] {false}, obs, priv, act, act.clone(), rew);
    }

    private static OfflineConfig config(OfflineConfig.Method m) {
        OfflineConfig c = new OfflineConfig(m);
        c.rl.hidden = m == OfflineConfig.Method.BC ? new int[] {8, 4} : new int[] {8, 8};
        c.rl.criticHidden = new int[] {16, 8};
        c.rl.windowLength = L;
        c.rl.warmupSteps = WARMUP;
        c.rl.windowStride = 10;
        c.rl.batchSize = 3;
        c.rl.criticSteps = L;
        c.rl.epochs = 1;
        c.rl.updatesPerEpoch = 1;
        c.rl.evalEpisodes = 1;
        c.rl.threads = 1;
        return c;
    }

    /** All parameters zero except the readout's bias. */
    private static void constantActor(Network n) {
        Arrays.fill(n.parameters(), 0f);
        List<Layer> layers = n.layers();
        Linear readout = (Linear) layers.get(layers.size() - 2);
        for (int k = 0; k < 4; k++) {
            n.parameters()[readout.biasIndex(k)] = BIAS[k];
        }
        n.parametersChanged();
    }

    private static JsrlEpoch oneStep(OfflineTrainer t) {
        JsrlEpoch[] last = new JsrlEpoch[1];
        t.train(new OfflineTrainer.Listener() {
            @Override
            public void epoch(JsrlEpoch r) {
                last[0] = r;
            }
        });
        return last[0];
    }

    @Test
    void bcIsTheElementMeanSquaredErrorAfterTheWarmupOnly() {
        try (OfflineTrainer t = new OfflineTrainer(config(OfflineConfig.Method.BC), dataset())) {
            assertEquals(1, t.buffer().size());
            constantActor(t.actor());
            JsrlEpoch r = oneStep(t);
            // logged as the per-step squared norm (4 × the element mean), the same quantity train jsrl logs
            assertEquals(HAND, r.bcLoss(), 1e-6);
            assertEquals(Double.NaN, r.criticLoss());
        }
    }

    @Test
    void td3bcHasTheSameBcTermAtWeightOneQuarterAndLambdaIsAlphaOverTheMeanAbsoluteQ() {
        OfflineConfig c = config(OfflineConfig.Method.TD3BC);
        assertEquals(0.25, c.rl.bcWeight); // 0.25 · Σ_k over 4 components = the element-mean MSE of weight 1
        assertEquals(2.0, c.rl.alpha);
        assertEquals(0.01, c.rl.tau);
        assertEquals(0.99, c.rl.gamma);
        try (OfflineTrainer t = new OfflineTrainer(c, dataset())) {
            constantActor(t.actor());
            JsrlEpoch r = oneStep(t);
            assertEquals(HAND, r.bcLoss(), 1e-6);
            // Q₁ of the critic the actor step used, on (s_t, tanh(b)) for t ≥ warm-up of the one window
            TwinCritics critics = t.learner().critics();
            int n = L - WARMUP;
            float[] rows = new float[n * 150];
            for (int i = 0; i < n; i++) {
                System.arraycopy(t.buffer().privilegedObservations(), t.buffer().privilegedOffset(0, WARMUP + i),
                        rows, i * 150, 146);
                for (int k = 0; k < 4; k++) {
                    rows[i * 150 + 146 + k] = (float) Math.tanh(BIAS[k]);
                }
            }
            float[] q = new float[n];
            critics.q1(rows, n, q);
            double abs = 0;
            double sum = 0;
            for (float v : q) {
                abs += Math.abs(v);
                sum += v;
            }
            assertEquals(2.0 / (abs / n), r.lambda(), 1e-4 * r.lambda());
            assertEquals(sum / n, r.meanQ(), 1e-5);
        }
    }
}
