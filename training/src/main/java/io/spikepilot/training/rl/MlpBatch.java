package io.spikepilot.training.rl;

import io.spikepilot.training.bptt.WorkerPool;
import io.spikepilot.training.nn.Network;
import java.util.Arrays;

/**
 * A stateless network (an MLP critic) evaluated over many independent rows at once: the rows are split evenly
 * between the workers of a {@link WorkerPool}, each worker runs its share in chunks through the network's sequence
 * passes (an MLP has no time coupling, so a "sequence" of rows is a batch), and per-worker gradients are summed in
 * worker order. Results are bit-identical for a given worker count. Nothing is allocated per call.
 */
final class MlpBatch {
    private final Network network;
    private final WorkerPool pool;
    private final int chunkRows;
    private final int inputSize;
    private final int outputSize;
    private final int stride;
    private final float[][] tapes;
    private final float[][] dtapes;
    private final float[][] workerGrads;
    private final double[] workerLoss;
    private final WorkerPool.Task forwardTask = this::forwardShare;
    private final WorkerPool.Task mseTask = this::mseShare;
    private final WorkerPool.Task inputGradientTask = this::inputGradientShare;
    private final WorkerPool.Task reduceTask = this::reduceSlice;

    private float[] inputs;
    private float[] outputs;
    private float[] targets;
    private float[] inputGradient;
    private float[] gradient;
    private int rows;
    private int gradientFrom;
    private int gradientWidth;
    private float scale;

    MlpBatch(Network network, WorkerPool pool, int chunkRows) {
        this.network = network;
        this.pool = pool;
        this.chunkRows = chunkRows;
        this.inputSize = network.inputSize();
        this.outputSize = network.outputSize();
        this.stride = network.rowStride();
        int workers = pool.workers();
        tapes = new float[workers][chunkRows * stride];
        dtapes = new float[workers][chunkRows * stride];
        workerGrads = new float[workers][network.parameterCount()];
        workerLoss = new double[workers];
    }

    Network network() {
        return network;
    }

    /** {@code out[r·outputSize …]} ← network(inputs row r) for r < n. */
    void forward(float[] in, int n, float[] out) {
        inputs = in;
        outputs = out;
        rows = n;
        pool.run(forwardTask);
        inputs = null;
        outputs = null;
    }

    /**
     * Mean squared error of the outputs against {@code target[r·outputSize …]} over all n·outputSize values, as
     * PyTorch's {@code MSELoss}; its gradient with respect to the parameters is written to {@code grads}
     * (overwritten). Returns the loss.
     */
    double mse(float[] in, int n, float[] target, float[] grads) {
        inputs = in;
        targets = target;
        rows = n;
        scale = (float) (2.0 / ((double) n * outputSize));
        pool.run(mseTask);
        gradient = grads;
        pool.run(reduceTask);
        gradient = null;
        inputs = null;
        targets = null;
        double loss = 0;
        for (double l : workerLoss) {
            loss += l;
        }
        return loss / ((double) n * outputSize);
    }

    /**
     * For a single-output network: {@code out[r]} ← network(row r) and {@code dOut[r·width + j]} ← ∂out[r]/∂input[from
     * + j] for j < width (the critic's gradient with respect to its action columns).
     */
    void outputAndInputGradient(float[] in, int n, float[] out, float[] dOut, int from, int width) {
        if (outputSize != 1) {
            throw new IllegalStateException("input gradient: needs a single-output network, found " + outputSize);
        }
        inputs = in;
        outputs = out;
        inputGradient = dOut;
        gradientFrom = from;
        gradientWidth = width;
        rows = n;
        pool.run(inputGradientTask);
        inputs = null;
        outputs = null;
        inputGradient = null;
    }

    private int shareStart(int worker) {
        return (int) ((long) rows * worker / pool.workers());
    }

    private int load(float[] tape, int from, int count) {
        for (int r = 0; r < count; r++) {
            System.arraycopy(inputs, (from + r) * inputSize, tape, r * stride, inputSize);
        }
        network.forwardSequence(tape, count);
        return network.outputOffset();
    }

    private void forwardShare(int worker) {
        float[] tape = tapes[worker];
        int end = shareStart(worker + 1);
        for (int from = shareStart(worker); from < end; from += chunkRows) {
            int count = Math.min(chunkRows, end - from);
            int y = load(tape, from, count);
            for (int r = 0; r < count; r++) {
                System.arraycopy(tape, r * stride + y, outputs, (from + r) * outputSize, outputSize);
            }
        }
    }

    private void mseShare(int worker) {
        float[] tape = tapes[worker];
        float[] dtape = dtapes[worker];
        float[] g = workerGrads[worker];
        Arrays.fill(g, 0f);
        double loss = 0;
        int end = shareStart(worker + 1);
        for (int from = shareStart(worker); from < end; from += chunkRows) {
            int count = Math.min(chunkRows, end - from);
            int y = load(tape, from, count);
            Arrays.fill(dtape, 0, count * stride, 0f);
            for (int r = 0; r < count; r++) {
                for (int o = 0; o < outputSize; o++) {
                    float diff = tape[r * stride + y + o] - targets[(from + r) * outputSize + o];
                    loss += (double) diff * diff;
                    dtape[r * stride + y + o] = scale * diff;
                }
            }
            network.backwardSequence(g, tape, dtape, count);
        }
        workerLoss[worker] = loss;
    }

    private void inputGradientShare(int worker) {
        float[] tape = tapes[worker];
        float[] dtape = dtapes[worker];
        // parameter gradients of this pass are not wanted; they land in the worker's buffer and are cleared
        float[] g = workerGrads[worker];
        int end = shareStart(worker + 1);
        for (int from = shareStart(worker); from < end; from += chunkRows) {
            int count = Math.min(chunkRows, end - from);
            int y = load(tape, from, count);
            Arrays.fill(dtape, 0, count * stride, 0f);
            for (int r = 0; r < count; r++) {
                outputs[from + r] = tape[r * stride + y];
                dtape[r * stride + y] = 1f;
            }
            Arrays.fill(g, 0f);
            network.backwardSequence(g, tape, dtape, count, true);
            for (int r = 0; r < count; r++) {
                System.arraycopy(dtape, r * stride + gradientFrom, inputGradient, (from + r) * gradientWidth,
                        gradientWidth);
            }
        }
    }

    private void reduceSlice(int worker) {
        float[] out = gradient;
        int workers = pool.workers();
        int from = (int) ((long) out.length * worker / workers);
        int to = (int) ((long) out.length * (worker + 1) / workers);
        System.arraycopy(workerGrads[0], from, out, from, to - from);
        for (int w = 1; w < workers; w++) {
            float[] g = workerGrads[w];
            for (int p = from; p < to; p++) {
                out[p] += g[p];
            }
        }
    }
}
