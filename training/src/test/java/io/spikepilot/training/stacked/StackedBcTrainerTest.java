package io.spikepilot.training.stacked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.training.dataset.GuideRollouts;
import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackedBcTrainerTest {
    private static final float[] LABEL = {0.1f, 0.2f, 0.3f, -0.4f};

    /** Fabricated data: one 3-step episode whose guide action is LABEL at every step. */
    private static GuideRollouts fabricated() {
        int steps = 3;
        float[] privileged = new float[(steps + 1) * 146];
        for (int i = 0; i < privileged.length; i++) {
            privileged[i] = (float) Math.sin(i);
        }
        float[] labels = new float[steps * 4];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(LABEL, 0, labels, t * 4, 4);
        }
        return new GuideRollouts("test data", "crazyflie-motors", 1, 0, 0, 18, 146, 4, 500, new int[] {steps},
                new boolean[] {false}, new float[(steps + 1) * 18], privileged, labels.clone(), labels,
                new float[steps]);
    }

    private static StackedBcConfig small() {
        StackedBcConfig c = new StackedBcConfig();
        c.hidden = new int[] {16, 8};
        c.batchSize = 5;
        c.epochs = 3;
        c.updates = 4;
        c.evalEpisodes = 2;
        c.slope = "fixed:2";
        return c;
    }

    @Test
    void theLossIsTheMeanSquaredErrorToTheGuidesActionOnSilentHiddenLayers() {
        StackedBcTrainer t = new StackedBcTrainer(small(), fabricated());
        assertEquals(3, t.transitions());
        // all weights, β and θ zero, readout bias 0.2: no neuron spikes (U = 0 is not above θ = 0), so every
        // action is tanh(4 passes · 0.2) = tanh(0.8), whatever the sampled transition
        Network n = t.actor().network();
        float[] p = n.parameters();
        Arrays.fill(p, 0f);
        Layer readout = n.layers().get(n.layers().size() - 1);
        for (int k = 0; k < 4; k++) {
            p[readout.parameterOffset() + readout.inputSize() * 4 + k] = 0.2f;
        }
        n.parametersChanged();
        double a = Math.tanh(0.8);
        double expected = 0;
        for (float y : LABEL) {
            expected += (a - y) * (a - y) / 4;
        }
        assertEquals(expected, t.step(), 1e-6);
    }

    @Test
    void trainingLowersTheLossAndEvaluatesEveryEpochWithTheSlopeItTrainedWith() {
        List<StackedBcTrainer.Epoch> epochs = new ArrayList<>();
        StackedBcTrainer t = new StackedBcTrainer(small(), fabricated());
        t.train(epochs::add);
        assertEquals(3, epochs.size());
        assertTrue(epochs.get(2).loss() < epochs.get(0).loss(), epochs.toString());
        for (StackedBcTrainer.Epoch e : epochs) {
            assertEquals(2f, e.slope());
            assertEquals(2, e.evaluation().episodes());
        }
        assertEquals(12, epochs.get(2).updates());
    }
}
