package io.spikepilot.training.rl;

import io.spikepilot.training.bc.Guide;
import io.spikepilot.training.nn.Network;
import java.util.Arrays;

/**
 * The spiking actor of the paper's slope study (Fig. 2; spec §3.4 "slope study setting"): the SNN sees the 146-wide
 * frame-stacked observation, starts from zero membranes at every call and runs {@code passes} forward passes on the
 * same input; the action is tanh of the readout summed over the passes, a = tanh(Σₜ (W·sₜ + b)).
 *
 * <p>Why tanh of the sum: the paper's code sums the outputs of the passes but its squashing is not stated; summing
 * the linear readout and squashing once keeps the action in (−1, 1) with a gradient everywhere, and with one pass
 * it is exactly the sequence actor's per-step output. Each pass is one time step of a BPTT unroll, so the surrogate
 * slope acts through the membrane dynamics of the passes as it does in the sequence setting.
 *
 * <p>A batch keeps one tape of {@code passes} rows per observation (the unroll must restart for each); buffers grow
 * to the largest batch seen and are then reused.
 */
public final class FrameStackedSnnActor implements TransitionActor {
    /** The paper's passes per observation. */
    public static final int PAPER_PASSES = 4;

    private final int inputs;
    private final int[] hidden;
    private final int outputs;
    private final int passes;
    private final Network network;
    private final int stride;
    private final int readout;
    private float[][] tapes = new float[0][];
    private float[][] dtapes = new float[0][];
    private float[] squashed = new float[0];
    private final float[] single;
    private final Guide guide;

    public FrameStackedSnnActor(int inputs, int[] hidden, int outputs, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("frame-stacked SNN: field 'passes': expected ≥ 1, found " + passes);
        }
        if (hidden.length == 0) {
            throw new IllegalArgumentException("frame-stacked SNN: field 'hidden': expected at least one LIF layer");
        }
        this.inputs = inputs;
        this.hidden = hidden.clone();
        this.outputs = outputs;
        this.passes = passes;
        this.network = Network.spikingReadout(inputs, hidden, outputs);
        this.stride = network.rowStride();
        this.readout = network.outputOffset();
        this.single = new float[passes * stride];
        this.guide = new Guide() {
            @Override
            public void reset(int env) {
                // nothing carries over between calls: the membranes start from zero every time
            }

            @Override
            public void act(int env, float[] privileged, int privilegedOffset, float[] action, int actionOffset) {
                unroll(single, privileged, privilegedOffset);
                for (int k = 0; k < outputs; k++) {
                    action[actionOffset + k] = (float) Math.tanh(sum(single, k));
                }
            }
        };
    }

    public int passes() {
        return passes;
    }

    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int actionSize() {
        return outputs;
    }

    private void unroll(float[] tape, float[] in, int offset) {
        for (int t = 0; t < passes; t++) {
            System.arraycopy(in, offset, tape, t * stride, inputs);
        }
        network.forwardSequence(tape, passes);
    }

    private float sum(float[] tape, int k) {
        float s = 0f;
        for (int t = 0; t < passes; t++) {
            s += tape[t * stride + readout + k];
        }
        return s;
    }

    @Override
    public void forward(float[] in, int rows, float[] actions) {
        if (tapes.length < rows) {
            tapes = new float[rows][];
            dtapes = new float[rows][];
            for (int b = 0; b < rows; b++) {
                tapes[b] = new float[passes * stride];
                dtapes[b] = new float[passes * stride];
            }
            squashed = new float[rows * outputs];
        }
        for (int b = 0; b < rows; b++) {
            unroll(tapes[b], in, b * inputs);
            for (int k = 0; k < outputs; k++) {
                float a = (float) Math.tanh(sum(tapes[b], k));
                squashed[b * outputs + k] = a;
                actions[b * outputs + k] = a;
            }
        }
    }

    @Override
    public void backward(float[] actionGradients, int rows, float[] grads) {
        for (int b = 0; b < rows; b++) {
            float[] d = dtapes[b];
            Arrays.fill(d, 0f);
            for (int k = 0; k < outputs; k++) {
                float a = squashed[b * outputs + k];
                // d tanh(Σ y)/d yₜ = 1 − a² for every pass t
                float g = actionGradients[b * outputs + k] * (1f - a * a);
                for (int t = 0; t < passes; t++) {
                    d[t * stride + readout + k] = g;
                }
            }
            network.backwardSequence(grads, tapes[b], d, passes);
        }
    }

    @Override
    public Guide guide() {
        return guide;
    }

    @Override
    public TransitionActor copy() {
        FrameStackedSnnActor twin = new FrameStackedSnnActor(inputs, hidden, outputs, passes);
        twin.network.copyParametersFrom(network);
        return twin;
    }
}
