package io.spikepilot.controller.snn;

import io.spikepilot.controller.policy.Policy;

/**
 * The float32 reference runtime: ground truth for the trainer and the calibrator.
 *
 * <p>Operation order is fixed so results are reproducible to the bit on every Java 17 JVM (strict IEEE-754, no
 * {@code Math.fma}):
 * <pre>
 *   I_j  = (((0 + w_j0·x_0) + w_j1·x_1) + … + w_j,n−1·x_n−1) + b_j       inputs in ascending order, bias last
 *   subtract-delayed:  r = U_j &gt; θ_j;  U_j = β_j·U_j;  U_j = U_j + I_j;  U_j = U_j − (r ? θ_j : 0)
 *   zero-immediate:    U_j = β_j·U_j;  U_j = U_j + I_j;  if U_j &gt; θ_j then U_j = 0
 *   S_j  = U_j &gt; θ_j  (1.0f or 0.0f, fed to the next affine layer)
 *   a_j  = (float) tanh(I_j)                                              output layer, StrictMath
 * </pre>
 * PyTorch's {@code nn.Linear} sums in a different (blocked, fused) order, so it agrees with this runtime to float32
 * rounding, not to the bit; near-threshold spikes may flip.
 *
 * <p>{@link #step} allocates nothing, never throws on finite or non-finite observations and never blocks.
 */
public final class FloatSnn implements Policy {
    private final SnnNetwork network;
    private final float[][] weight;
    private final float[][] bias;
    private final float[][] beta;
    private final float[][] threshold;
    private final int[] inputs;
    private final int[] outputs;
    private final boolean subtractDelayed;
    /** Membranes of each hidden layer. */
    private final float[][] membrane;
    /** Input current of each affine layer in the last step (pre-tanh values for the output layer). */
    private final float[][] current;
    /** Spikes (0 or 1) of each hidden layer in the last step. */
    private final float[][] spike;
    private final int[] lastSpikeCount;
    private final long[] totalSpikes;
    private long steps;

    public FloatSnn(SnnNetwork network) {
        this.network = network;
        int layers = network.dense().size();
        weight = new float[layers][];
        bias = new float[layers][];
        inputs = new int[layers];
        outputs = new int[layers];
        current = new float[layers][];
        for (int k = 0; k < layers; k++) {
            DenseLayer d = network.dense().get(k);
            weight[k] = d.weightsShared();
            bias[k] = d.biasesShared();
            inputs[k] = d.inputs();
            outputs[k] = d.outputs();
            current[k] = new float[d.outputs()];
        }
        int hidden = network.hiddenLayers();
        beta = new float[hidden][];
        threshold = new float[hidden][];
        membrane = new float[hidden][];
        spike = new float[hidden][];
        for (int k = 0; k < hidden; k++) {
            beta[k] = network.lif().get(k).betaShared();
            threshold[k] = network.lif().get(k).thresholdShared();
            membrane[k] = new float[beta[k].length];
            spike[k] = new float[beta[k].length];
        }
        lastSpikeCount = new int[hidden];
        totalSpikes = new long[hidden];
        subtractDelayed = network.resetRule() == ResetRule.SUBTRACT_DELAYED;
    }

    public SnnNetwork network() {
        return network;
    }

    @Override
    public int observationSize() {
        return inputs[0];
    }

    @Override
    public int actionSize() {
        return outputs[outputs.length - 1];
    }

    @Override
    public void reset() {
        for (int k = 0; k < membrane.length; k++) {
            java.util.Arrays.fill(membrane[k], 0.0f);
            java.util.Arrays.fill(spike[k], 0.0f);
            lastSpikeCount[k] = 0;
        }
    }

    @Override
    public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
        int last = weight.length - 1;
        for (int k = 0; k <= last; k++) {
            float[] in = k == 0 ? observation : spike[k - 1];
            int inOffset = k == 0 ? observationOffset : 0;
            affine(k, in, inOffset);
            if (k < last) {
                lif(k);
            }
        }
        float[] out = current[last];
        for (int j = 0; j < out.length; j++) {
            action[actionOffset + j] = (float) StrictMath.tanh(out[j]);
        }
        steps++;
    }

    private void affine(int k, float[] in, int inOffset) {
        float[] w = weight[k];
        float[] b = bias[k];
        float[] cur = current[k];
        int n = inputs[k];
        for (int j = 0; j < cur.length; j++) {
            int row = j * n;
            float acc = 0.0f;
            for (int i = 0; i < n; i++) {
                acc += w[row + i] * in[inOffset + i];
            }
            cur[j] = acc + b[j];
        }
    }

    private void lif(int k) {
        float[] u = membrane[k];
        float[] cur = current[k];
        float[] bt = beta[k];
        float[] th = threshold[k];
        float[] s = spike[k];
        int count = 0;
        for (int j = 0; j < u.length; j++) {
            float theta = th[j];
            float m = u[j];
            boolean fired;
            if (subtractDelayed) {
                boolean reset = m > theta;
                m = bt[j] * m;
                m = m + cur[j];
                if (reset) {
                    m = m - theta;
                }
                fired = m > theta;
            } else {
                m = bt[j] * m;
                m = m + cur[j];
                fired = m > theta;
                if (fired) {
                    m = 0.0f;
                }
            }
            u[j] = m;
            s[j] = fired ? 1.0f : 0.0f;
            count += fired ? 1 : 0;
        }
        lastSpikeCount[k] = count;
        totalSpikes[k] += count;
    }

    /** Number of hidden (spiking) layers. */
    @Override
    public int hiddenLayers() {
        return membrane.length;
    }

    /** Neurons of hidden layer {@code k} that spiked in the last step. */
    @Override
    public int lastSpikeCount(int k) {
        return lastSpikeCount[k];
    }

    /** Spikes of hidden layer {@code k} summed over all steps since construction. */
    public long totalSpikes(int k) {
        return totalSpikes[k];
    }

    /** Steps taken since construction. */
    public long steps() {
        return steps;
    }

    /** Membrane of neuron {@code i} in hidden layer {@code k}. */
    public float membrane(int k, int i) {
        return membrane[k][i];
    }

    @Override
    public int layerWidth(int k) {
        return membrane[k].length;
    }

    @Override
    public void lastSpikes(int k, long[] bits, int offset, int words) {
        java.util.Arrays.fill(bits, offset, offset + words, 0L);
        float[] s = spike[k];
        int n = Math.min(s.length, words << 6);
        for (int i = 0; i < n; i++) {
            if (s[i] != 0.0f) {
                bits[offset + (i >>> 6)] |= 1L << i;
            }
        }
    }

    @Override
    public float membranePotential(int k, int i) {
        return membrane[k][i];
    }

    /** Whether neuron {@code i} of hidden layer {@code k} spiked in the last step. */
    public boolean spiked(int k, int i) {
        return spike[k][i] != 0.0f;
    }

    /** Input current of output {@code i} of affine layer {@code k} in the last step (pre-tanh for the last layer). */
    public float current(int k, int i) {
        return current[k][i];
    }

    /** A state holder sized for this network, for {@link #snapshot} and {@link #restore}. */
    public State newState() {
        float[][] m = new float[membrane.length][];
        for (int k = 0; k < m.length; k++) {
            m[k] = new float[membrane[k].length];
        }
        return new State(m);
    }

    /** Copies the membranes into {@code into} (allocation-free). */
    public void snapshot(State into) {
        for (int k = 0; k < membrane.length; k++) {
            System.arraycopy(membrane[k], 0, into.membrane[k], 0, membrane[k].length);
        }
    }

    /**
     * Restores the membranes from {@code from}. The membranes are the whole dynamic state: the next reset flag is
     * recomputed from them, exactly as snnTorch does.
     */
    public void restore(State from) {
        for (int k = 0; k < membrane.length; k++) {
            System.arraycopy(from.membrane[k], 0, membrane[k], 0, membrane[k].length);
        }
    }

    /** The dynamic state of a {@link FloatSnn}: one membrane array per hidden layer. */
    public static final class State {
        final float[][] membrane;

        State(float[][] membrane) {
            this.membrane = membrane;
        }

        /** Membrane of neuron {@code i} in hidden layer {@code k}. */
        public float membrane(int k, int i) {
            return membrane[k][i];
        }
    }
}
