package io.spikepilot.training.analysis;

import io.spikepilot.training.bptt.WorkerPool;
import io.spikepilot.training.nn.Layer;
import io.spikepilot.training.nn.Linear;
import io.spikepilot.training.nn.Lif;
import io.spikepilot.training.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs paper-spec §2.5. Per seed: one network (Linear → LIF, four times, PyTorch-default weights, β and θ ~ U(0, 1))
 * and one readout Linear, shared by every slope; N samples x ~ N(0, I), y ~ N(0, I). Per sample: zero state, two
 * steps on the same x, readout of the summed spikes, MSE loss; the forward pass does not depend on the slope, so it
 * runs once and the backward pass runs once per slope. Per-sample weight gradients (biases excluded) give the cosine
 * with the reference slope and mean |g| per layer.
 *
 * <p>Zero-norm samples: a weight layer whose input spikes are all zero at every step gets an exactly zero gradient for
 * every slope at once (the forward pass is shared), so such a sample has no direction to compare. As the spec says
 * (§2.5, and as the paper's script does), its cosine is 0 when either norm is 0, and it stays in the average over all
 * N samples; the result counts these samples per slope and layer so the reader can see how much they pull a curve
 * down. The reference slope is not compared with anything: its cosine with itself is 1 by definition and is set, not
 * computed, so it is exactly 1 in every layer whatever the zero-norm count (which is still reported for it: the number
 * of samples whose reference gradient is zero).
 *
 * <p>Seeds run in parallel; each seed's sums land in its own slot and slots are added in seed order, then divided once
 * by seeds × N, so results do not depend on the thread count.
 */
public final class GradientAlignmentStudy {
    private GradientAlignmentStudy() {
    }

    /** Progress callback: seeds finished so far. */
    public interface Progress {
        void seedsDone(int done, int total);
    }

    public static GradientAlignmentResult run(GradientAlignmentConfig config, int workers, Progress progress) {
        int nSlopes = config.slopes.length;
        int nLayers = config.weightLayers();
        double[][][] cosPerSeed = new double[config.seeds][nSlopes][nLayers];
        double[][][] absPerSeed = new double[config.seeds][nSlopes][nLayers];
        int[][][] zeroPerSeed = new int[config.seeds][nSlopes][nLayers];
        int[] done = {0};
        try (WorkerPool pool = new WorkerPool(workers)) {
            pool.run(worker -> {
                SeedRunner runner = new SeedRunner(config);
                for (int s = worker; s < config.seeds; s += workers) {
                    runner.run(config.firstSeed + s, cosPerSeed[s], absPerSeed[s], zeroPerSeed[s]);
                    if (progress != null) {
                        synchronized (done) {
                            done[0]++;
                            progress.seedsDone(done[0], config.seeds);
                        }
                    }
                }
            });
        }
        double[][] cosine = new double[nSlopes][nLayers];
        double[][] magnitude = new double[nSlopes][nLayers];
        long[][] zeroNorm = new long[nSlopes][nLayers];
        for (int s = 0; s < config.seeds; s++) {
            for (int k = 0; k < nSlopes; k++) {
                for (int l = 0; l < nLayers; l++) {
                    cosine[k][l] += cosPerSeed[s][k][l];
                    magnitude[k][l] += absPerSeed[s][k][l];
                    zeroNorm[k][l] += zeroPerSeed[s][k][l];
                }
            }
        }
        // one division by the whole sample count: adding 1/seeds per seed does not sum to exactly 1 (1/100 is not a
        // binary fraction), so a curve of identical gradients would sit an ulp off 1
        double count = (double) config.seeds * config.samples;
        int reference = config.referenceIndex();
        for (int k = 0; k < nSlopes; k++) {
            for (int l = 0; l < nLayers; l++) {
                cosine[k][l] = k == reference ? 1.0 : cosine[k][l] / count;
                magnitude[k][l] /= count;
            }
        }
        return new GradientAlignmentResult(config, cosine, magnitude, zeroNorm);
    }

    /** One worker's reusable buffers for running seeds. */
    private static final class SeedRunner {
        private final GradientAlignmentConfig config;
        private final Network spiking;
        private final Network readout;
        private final Linear[] weightLayers;
        private final Network[] owners;
        private final float[] tape;
        private final float[] dtape;
        private final float[] readoutTape;
        private final float[] readoutDtape;
        private final float[][] gradients;
        private final float[][] readoutGradients;
        private final float[] x;
        private final float[] y;
        private final int reference;

        SeedRunner(GradientAlignmentConfig config) {
            this.config = config;
            List<Layer> layers = new ArrayList<>();
            int width = config.inputSize;
            for (int l = 0; l < config.spikingLayers; l++) {
                layers.add(new Linear(width, config.hiddenSize));
                layers.add(new Lif(config.hiddenSize));
                width = config.hiddenSize;
            }
            spiking = new Network(layers);
            readout = new Network(List.of(new Linear(config.hiddenSize, config.outputSize)));
            weightLayers = new Linear[config.weightLayers()];
            owners = new Network[config.weightLayers()];
            for (int l = 0; l < config.spikingLayers; l++) {
                weightLayers[l] = (Linear) spiking.layers().get(2 * l);
                owners[l] = spiking;
            }
            weightLayers[config.spikingLayers] = (Linear) readout.layers().get(0);
            owners[config.spikingLayers] = readout;
            tape = new float[config.steps * spiking.rowStride()];
            dtape = new float[tape.length];
            readoutTape = new float[readout.rowStride()];
            readoutDtape = new float[readout.rowStride()];
            gradients = new float[config.slopes.length][spiking.parameterCount()];
            readoutGradients = new float[config.slopes.length][readout.parameterCount()];
            x = new float[config.inputSize];
            y = new float[config.outputSize];
            reference = config.referenceIndex();
        }

        /** Adds this seed's per-sample cosines, mean |g| and zero-norm counts into the three slots (sums, not means). */
        void run(long seed, double[][] cosine, double[][] magnitude, int[][] zeroNorm) {
            SplittableRandom random = new SplittableRandom(seed);
            spiking.initialise(random.nextLong());
            readout.initialise(random.nextLong());
            int stride = spiking.rowStride();
            int spikes = spiking.outputOffset();
            int nLayers = config.weightLayers();
            for (int n = 0; n < config.samples; n++) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextGaussian();
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] = (float) random.nextGaussian();
                }
                for (int t = 0; t < config.steps; t++) {
                    System.arraycopy(x, 0, tape, t * stride, x.length);
                    spiking.forward(tape, t * stride, t == 0 ? -1 : (t - 1) * stride);
                }
                Arrays.fill(readoutTape, 0f);
                for (int t = 0; t < config.steps; t++) {
                    for (int j = 0; j < config.hiddenSize; j++) {
                        readoutTape[j] += tape[t * stride + spikes + j];
                    }
                }
                readout.forward(readoutTape, 0, -1);
                for (int k = 0; k < config.slopes.length; k++) {
                    backward(k);
                }
                for (int l = 0; l < nLayers; l++) {
                    double referenceNormSquared = normSquared(l, reference);
                    for (int k = 0; k < config.slopes.length; k++) {
                        magnitude[k][l] += meanAbs(l, k);
                        if (k == reference) {
                            // self-similarity is 1 by definition (set after the seeds are summed); only the zero count is kept
                            if (referenceNormSquared == 0) {
                                zeroNorm[k][l]++;
                            }
                            continue;
                        }
                        double normSquared = normSquared(l, k);
                        if (normSquared == 0 || referenceNormSquared == 0) {
                            zeroNorm[k][l]++; // cosine 0, still averaged in (spec §2.5)
                        } else {
                            cosine[k][l] += dot(l, k, reference) / Math.sqrt(normSquared * referenceNormSquared);
                        }
                    }
                }
            }
        }

        private void backward(int slopeIndex) {
            int stride = spiking.rowStride();
            int spikes = spiking.outputOffset();
            float[] g = gradients[slopeIndex];
            float[] rg = readoutGradients[slopeIndex];
            Arrays.fill(g, 0f);
            Arrays.fill(rg, 0f);
            Arrays.fill(readoutDtape, 0f);
            int out = readout.outputOffset();
            for (int o = 0; o < config.outputSize; o++) {
                readoutDtape[out + o] = 2f * (readoutTape[out + o] - y[o]) / config.outputSize;
            }
            readout.backward(rg, readoutTape, readoutDtape, 0, -1, true);
            Arrays.fill(dtape, 0f);
            for (int t = 0; t < config.steps; t++) {
                System.arraycopy(readoutDtape, 0, dtape, t * stride + spikes, config.hiddenSize);
            }
            spiking.setSlope(config.slopes[slopeIndex]);
            for (int t = config.steps - 1; t >= 0; t--) {
                spiking.backward(g, tape, dtape, t * stride, t == 0 ? -1 : (t - 1) * stride);
            }
        }

        private float[] gradientOf(int layer, int slopeIndex) {
            return owners[layer] == spiking ? gradients[slopeIndex] : readoutGradients[slopeIndex];
        }

        /** Σ a·b over the weights (not the biases) of one layer, for two slopes. */
        private double dot(int layer, int slopeIndex, int otherIndex) {
            Linear linear = weightLayers[layer];
            float[] a = gradientOf(layer, slopeIndex);
            float[] b = gradientOf(layer, otherIndex);
            int from = linear.parameterOffset();
            int to = from + linear.inputSize() * linear.outputSize();
            double dot = 0;
            for (int p = from; p < to; p++) {
                dot += (double) a[p] * b[p];
            }
            return dot;
        }

        private double normSquared(int layer, int slopeIndex) {
            return dot(layer, slopeIndex, slopeIndex);
        }

        private double meanAbs(int layer, int slopeIndex) {
            Linear linear = weightLayers[layer];
            float[] a = gradientOf(layer, slopeIndex);
            int from = linear.parameterOffset();
            int to = from + linear.inputSize() * linear.outputSize();
            double sum = 0;
            for (int p = from; p < to; p++) {
                sum += Math.abs(a[p]);
            }
            return sum / (to - from);
        }
    }
}
