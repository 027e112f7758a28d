package io.spikepilot.training.rl;

import io.spikepilot.training.bptt.WorkerPool;
import io.spikepilot.training.nn.Network;
import io.spikepilot.training.optim.Adam;

/**
 * TD3's twin critics Q₁, Q₂ and their target copies (paper-spec §3.1): MLPs (privileged observation ‖ action) → hidden
 * ReLU layers → 1, each trained by Adam on the squared error to a shared target, the targets following by Polyak
 * averaging. A row of input is the 146 privileged values followed by the 4 action values.
 */
public final class TwinCritics {
    private final Network q1;
    private final Network q2;
    private final Network target1;
    private final Network target2;
    private final MlpBatch batch1;
    private final MlpBatch batch2;
    private final MlpBatch targetBatch1;
    private final MlpBatch targetBatch2;
    private final Adam adam1;
    private final Adam adam2;
    private final float[] grad1;
    private final float[] grad2;
    private final float[] scratch;
    private final int actionSize;

    /**
     * @param observationSize privileged observation width (146)
     * @param actionSize      action width (4)
     * @param hidden          hidden widths (the paper: 256, 128)
     * @param seed            initialisation seed (Q₂ draws from the next seed; the targets start as copies)
     * @param maxRows         largest number of rows evaluated at once
     */
    public TwinCritics(int observationSize, int actionSize, int[] hidden, float learningRate, long seed,
            WorkerPool pool, int maxRows) {
        int in = observationSize + actionSize;
        this.actionSize = actionSize;
        q1 = Network.mlp(in, hidden, 1, true, false);
        q2 = Network.mlp(in, hidden, 1, true, false);
        target1 = Network.mlp(in, hidden, 1, true, false);
        target2 = Network.mlp(in, hidden, 1, true, false);
        q1.initialise(seed);
        q2.initialise(seed + 1);
        target1.copyParametersFrom(q1);
        target2.copyParametersFrom(q2);
        int chunk = 256;
        batch1 = new MlpBatch(q1, pool, chunk);
        batch2 = new MlpBatch(q2, pool, chunk);
        targetBatch1 = new MlpBatch(target1, pool, chunk);
        targetBatch2 = new MlpBatch(target2, pool, chunk);
        adam1 = new Adam(q1.parameterCount(), learningRate);
        adam2 = new Adam(q2.parameterCount(), learningRate);
        grad1 = new float[q1.parameterCount()];
        grad2 = new float[q2.parameterCount()];
        scratch = new float[maxRows];
    }

    /** {@code out[r]} ← min(Q₁'(row r), Q₂'(row r)) over the target critics. */
    public void targetMinimum(float[] rows, int n, float[] out) {
        targetBatch1.forward(rows, n, out);
        targetBatch2.forward(rows, n, scratch);
        for (int r = 0; r < n; r++) {
            out[r] = Math.min(out[r], scratch[r]);
        }
    }

    /**
     * One Adam step of each critic on the mean squared error to {@code targets[r]}; returns the two losses
     * {@code {L₁, L₂}} in {@code losses}.
     */
    public void update(float[] rows, int n, float[] targets, double[] losses) {
        losses[0] = batch1.mse(rows, n, targets, grad1);
        adam1.step(q1.parameters(), grad1);
        q1.parametersChanged();
        losses[1] = batch2.mse(rows, n, targets, grad2);
        adam2.step(q2.parameters(), grad2);
        q2.parametersChanged();
    }

    /** {@code q[r]} ← Q₁(row r) and {@code dqda[r·4 …]} ← ∂Q₁/∂action at row r. */
    public void q1WithActionGradient(float[] rows, int n, float[] q, float[] dqda) {
        batch1.outputAndInputGradient(rows, n, q, dqda, q1.inputSize() - actionSize, actionSize);
    }

    /** {@code out[r]} ← Q₁(row r). */
    public void q1(float[] rows, int n, float[] out) {
        batch1.forward(rows, n, out);
    }

    /** φ' ← τφ + (1 − τ)φ' for both critics. */
    public void softUpdate(float tau) {
        target1.softUpdateFrom(q1, tau);
        target2.softUpdateFrom(q2, tau);
    }

    public Network q1Network() {
        return q1;
    }

    public Network q2Network() {
        return q2;
    }

    public Network target1Network() {
        return target1;
    }

    public Network target2Network() {
        return target2;
    }

    public Adam adam1() {
        return adam1;
    }

    public Adam adam2() {
        return adam2;
    }
}
