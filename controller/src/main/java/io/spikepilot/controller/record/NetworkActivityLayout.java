package io.spikepilot.controller.record;

import io.spikepilot.controller.policy.Policy;
import java.util.Arrays;

/**
 * Which network activity a tick record carries for a policy: the spikes of every neuron of each hidden layer (up to
 * {@link #MAX_NEURONS_PER_LAYER}) and the membranes of a few watched neurons. The watched neurons are a pure function
 * of the layer widths ({@link #WATCHED_PER_LAYER} spread evenly over each layer), so a flight and its replay watch the
 * same ones and nothing has to be configured; recording every membrane would multiply the ring's and the file's size
 * for what a report can show of a few.
 */
public final class NetworkActivityLayout {
    /** 64-bit words of spike bits per layer in a record. */
    public static final int WORDS_PER_LAYER = 8;
    /** Neurons per layer whose spikes a record holds (the paper's layers have 256). */
    public static final int MAX_NEURONS_PER_LAYER = WORDS_PER_LAYER * 64;
    /** Neurons per hidden layer whose membrane is recorded. */
    public static final int WATCHED_PER_LAYER = 3;
    /** Most watched neurons a record holds. */
    public static final int MAX_WATCHED = TickRecord.MAX_SPIKE_LAYERS * WATCHED_PER_LAYER;

    private final int[] widths;
    private final int[] watchedLayer;
    private final int[] watchedNeuron;

    private NetworkActivityLayout(int[] widths, int[] watchedLayer, int[] watchedNeuron) {
        this.widths = widths;
        this.watchedLayer = watchedLayer;
        this.watchedNeuron = watchedNeuron;
    }

    private NetworkActivityLayout(int[] widths) {
        this.widths = widths;
        int watched = 0;
        for (int w : widths) {
            watched += Math.min(WATCHED_PER_LAYER, w);
        }
        watchedLayer = new int[watched];
        watchedNeuron = new int[watched];
        int next = 0;
        for (int k = 0; k < widths.length; k++) {
            int n = Math.min(WATCHED_PER_LAYER, widths[k]);
            for (int j = 0; j < n; j++) {
                watchedLayer[next] = k;
                // the middle of each of n equal slices: 1/6, 1/2, 5/6 of the layer for three
                watchedNeuron[next] = (int) ((2L * j + 1) * widths[k] / (2L * n));
                next++;
            }
        }
    }

    /** The layout of {@code policy}'s hidden layers (the first {@link TickRecord#MAX_SPIKE_LAYERS}). */
    public static NetworkActivityLayout of(Policy policy) {
        int layers = Math.min(policy.hiddenLayers(), TickRecord.MAX_SPIKE_LAYERS);
        int[] widths = new int[layers];
        for (int k = 0; k < layers; k++) {
            widths[k] = policy.layerWidth(k);
        }
        return of(widths);
    }

    /** The layout of hidden layers of these widths (each ≥ 1, at most {@link TickRecord#MAX_SPIKE_LAYERS}). */
    public static NetworkActivityLayout of(int[] widths) {
        if (widths.length > TickRecord.MAX_SPIKE_LAYERS) {
            throw new IllegalArgumentException("network activity: expected at most " + TickRecord.MAX_SPIKE_LAYERS
                    + " hidden layers, found " + widths.length);
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("network activity: expected layer widths ≥ 1, found "
                        + Arrays.toString(widths));
            }
        }
        return new NetworkActivityLayout(widths.clone());
    }

    /**
     * A layout as a file states it: these widths and these watched neurons (as a reader finds them, which need not be
     * the ones this build would choose).
     */
    public static NetworkActivityLayout of(int[] widths, int[] watchedLayer, int[] watchedNeuron) {
        of(widths);
        if (watchedLayer.length != watchedNeuron.length || watchedLayer.length > MAX_WATCHED) {
            throw new IllegalArgumentException("network activity: expected at most " + MAX_WATCHED + " watched "
                    + "neurons as (layer, neuron) pairs, found " + watchedLayer.length + " layers and "
                    + watchedNeuron.length + " neurons");
        }
        for (int w = 0; w < watchedLayer.length; w++) {
            if (watchedLayer[w] < 0 || watchedLayer[w] >= widths.length || watchedNeuron[w] < 0
                    || watchedNeuron[w] >= widths[watchedLayer[w]]) {
                throw new IllegalArgumentException("network activity: watched neuron " + watchedLayer[w] + ":"
                        + watchedNeuron[w] + " expected within the layers " + Arrays.toString(widths));
            }
        }
        return new NetworkActivityLayout(widths.clone(), watchedLayer.clone(), watchedNeuron.clone());
    }

    public int layers() {
        return widths.length;
    }

    public int width(int layer) {
        return widths[layer];
    }

    /** Neurons of {@code layer} whose spikes are recorded: all of them up to {@link #MAX_NEURONS_PER_LAYER}. */
    public int recordedWidth(int layer) {
        return Math.min(widths[layer], MAX_NEURONS_PER_LAYER);
    }

    public int watched() {
        return watchedLayer.length;
    }

    public int watchedLayer(int w) {
        return watchedLayer[w];
    }

    public int watchedNeuron(int w) {
        return watchedNeuron[w];
    }

    /** Fills the activity fields of {@code r} from {@code policy}'s last step; allocation-free. */
    public void record(Policy policy, boolean stepped, TickRecord r) {
        r.activityRecorded = stepped;
        if (!stepped) {
            Arrays.fill(r.spikeBits, 0L);
            Arrays.fill(r.watchedMembrane, 0.0f);
            return;
        }
        for (int k = 0; k < widths.length; k++) {
            policy.lastSpikes(k, r.spikeBits, k * WORDS_PER_LAYER, WORDS_PER_LAYER);
        }
        for (int w = 0; w < watchedLayer.length; w++) {
            r.watchedMembrane[w] = policy.membranePotential(watchedLayer[w], watchedNeuron[w]);
        }
    }
}
