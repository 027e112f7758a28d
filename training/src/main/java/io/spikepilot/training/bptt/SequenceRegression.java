package io.spikepilot.training.bptt;

import io.spikepilot.training.nn.Network;
import io.spikepilot.training.nn.VectorModule;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mean-squared-error regression over sequences by backpropagation through time, every sequence unrolled from zero
 * state, with a warm-up mask: only steps t ≥ {@code warmupSteps} enter the loss (the paper's 50 of a 100-step window),
 * but gradients still flow back through the membranes into the warm-up steps.
 *
 * <p>Loss = mean over (sequence, t ≥ warm-up, output) of (y − target)², as PyTorch's {@code MSELoss}. The batch is cut
 * into chunks of {@code chunkSize} sequences; each chunk owns a gradient buffer, a worker takes the next chunk when it
 * is done with one (a busy core on a shared machine holds up nobody), and the buffers are summed in chunk order (each
 * worker a slice of the parameters): bit-identical results for any worker count and timing.
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
    private final WorkerPool.Task reduce = this::reduceSlice;
    private final AtomicInteger nextChunk = new AtomicInteger();

    private SequenceSet data;
    private int[] batch;
    private int batchSize;
    private int chunks;
    private float gradientScale;
    private float[] output;

    public SequenceRegression(Network network, int length, int warmupSteps, int maxBatch, int chunkSize, int workers) {
        VectorModule.require();
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
        nextChunk.set(0);
        pool.run(task);
        output = gradient;
        pool.run(reduce);
        output = null;
        double loss = 0;
        for (int c = 0; c < chunks; c++) {
            loss += chunkLoss[c];
        }
        data = null;
        batch = null;
        return loss / terms;
    }

    private void runWorker(int worker) {
        for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
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

    /** Sums the chunk gradients in chunk order over this worker's slice of the parameters. */
    private void reduceSlice(int worker) {
        float[] gradient = output;
        int workers = pool.workers();
        int from = (int) ((long) gradient.length * worker / workers);
        int to = (int) ((long) gradient.length * (worker + 1) / workers);
        System.arraycopy(chunkGradients[0], from, gradient, from, to - from);
        for (int c = 1; c < chunks; c++) {
            float[] g = chunkGradients[c];
            for (int p = from; p < to; p++) {
                gradient[p] += g[p];
            }
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
