package io.spikepilot.training.bptt;

import io.spikepilot.training.nn.Network;
import java.util.Arrays;

/**
 * Mean-squared-error regression over sequences by backpropagation through time, every sequence unrolled from zero
 * state, with a warm-up mask: only steps t ≥ {@code warmupSteps} enter the loss (the paper's 50 of a 100-step window),
 * but gradients still flow back through the membranes into the warm-up steps.
 *
 * <p>Loss = mean over (sequence, t ≥ warm-up, output) of (y − target)², as PyTorch's {@code MSELoss}. The batch is cut
 * into chunks of {@code chunkSize} sequences; each chunk owns a gradient buffer, chunks are spread over the workers
 * statically, and the buffers are summed in chunk order: bit-identical results for any worker count and timing.
 * Nothing is allocated per call after construction.
 */
public final class SequenceRegression implements AutoCloseable {
    private final Network network;
    private final int length;
    private final int warmupSteps;
    private final int chunkSize;
    private final WorkerPool pool;
    private final float[][] chunkGradients;
    private final double[] chunkLoss;
    private final float[][] tapes;
    private final float[][] dtapes;
    private final WorkerPool.Task task = this::runWorker;

    private SequenceSet data;
    private int[] batch;
    private int batchSize;
    private int chunks;
    private float gradientScale;

    public SequenceRegression(Network network, int length, int warmupSteps, int maxBatch, int chunkSize, int workers) {
        if (warmupSteps < 0 || warmupSteps >= length) {
            throw new IllegalArgumentException("warm-up steps must be in [0, " + length + "), found " + warmupSteps);
        }
        if (chunkSize < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("batch and chunk size must be ≥ 1, found " + maxBatch + ", " + chunkSize);
        }
        this.network = network;
        this.length = length;
        this.warmupSteps = warmupSteps;
        this.chunkSize = chunkSize;
        this.pool = new WorkerPool(workers);
        int maxChunks = (maxBatch + chunkSize - 1) / chunkSize;
        chunkGradients = new float[maxChunks][network.parameterCount()];
        chunkLoss = new double[maxChunks];
        tapes = new float[workers][length * network.rowStride()];
        dtapes = new float[workers][length * network.rowStride()];
    }

    public Network network() {
        return network;
    }

    /**
     * Computes the loss of the sequences {@code batch[0..size)} of {@code set} and writes its gradient to
     * {@code gradient} (overwritten).
     */
    public double lossAndGradient(SequenceSet set, int[] batchIndices, int size, float[] gradient) {
        if (set.length() != length || set.inputSize() != network.inputSize()
                || set.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException("sequence set shape (" + set.length() + ", " + set.inputSize() + ", "
                    + set.targetSize() + ") does not match the network (" + length + ", " + network.inputSize() + ", "
                    + network.outputSize() + ")");
        }
        if (size < 1 || (size + chunkSize - 1) / chunkSize > chunkLoss.length) {
            throw new IllegalArgumentException("batch size " + size + " outside [1, " + chunkLoss.length * chunkSize + "]");
        }
        data = set;
        batch = batchIndices;
        batchSize = size;
        chunks = (size + chunkSize - 1) / chunkSize;
        long terms = (long) size * (length - warmupSteps) * network.outputSize();
        gradientScale = (float) (2.0 / terms);
        pool.run(task);
        double loss = 0;
        System.arraycopy(chunkGradients[0], 0, gradient, 0, gradient.length);
        loss += chunkLoss[0];
        for (int c = 1; c < chunks; c++) {
            float[] g = chunkGradients[c];
            for (int p = 0; p < gradient.length; p++) {
                gradient[p] += g[p];
            }
            loss += chunkLoss[c];
        }
        data = null;
        batch = null;
        return loss / terms;
    }

    private void runWorker(int worker) {
        int workers = pool.workers();
        for (int c = worker; c < chunks; c += workers) {
            float[] g = chunkGradients[c];
            Arrays.fill(g, 0f);
            double loss = 0;
            int end = Math.min(batchSize, (c + 1) * chunkSize);
            for (int b = c * chunkSize; b < end; b++) {
                loss += sequence(batch[b], g, tapes[worker], dtapes[worker]);
            }
            chunkLoss[c] = loss;
        }
    }

    private double sequence(int s, float[] g, float[] tape, float[] dtape) {
        Network net = network;
        int stride = net.rowStride();
        int inSize = data.inputSize();
        int outSize = data.targetSize();
        int outOffset = net.outputOffset();
        float[] inputs = data.inputs();
        float[] targets = data.targets();
        int base = s * length;
        for (int t = 0; t < length; t++) {
            System.arraycopy(inputs, (base + t) * inSize, tape, t * stride, inSize);
        }
        net.forwardSequence(tape, length);
        Arrays.fill(dtape, 0, length * stride, 0f);
        double loss = 0;
        float scale = gradientScale;
        for (int t = warmupSteps; t < length; t++) {
            int y = t * stride + outOffset;
            int target = (base + t) * outSize;
            for (int a = 0; a < outSize; a++) {
                float diff = tape[y + a] - targets[target + a];
                loss += (double) diff * diff;
                dtape[y + a] = scale * diff;
            }
        }
        net.backwardSequence(g, tape, dtape, length);
        return loss;
    }

    @Override
    public void close() {
        pool.close();
    }
}
