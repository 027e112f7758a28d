package io.spikepilot.report.flight;

import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import java.util.List;

/**
 * The network's activity over a flight, tick by tick from tick 0: which neurons of each hidden layer spiked and the
 * membranes of the watched neurons. Read from an activity file ({@link NetworkActivityReader}) or taken from tick
 * records in memory (a replay).
 */
public final class NetworkActivity {
    private final NetworkActivityLayout layout;
    private final int ticks;
    private final boolean[] stepped;
    /** Per layer, {@link #wordsPerTick} words of spike bits per tick. */
    private final long[][] spikes;
    /** Per watched neuron, its membrane per tick. */
    private final float[][] membrane;
    private final String stopNote;

    NetworkActivity(NetworkActivityLayout layout, int ticks, boolean[] stepped, long[][] spikes, float[][] membrane,
                    String stopNote) {
        this.layout = layout;
        this.ticks = ticks;
        this.stepped = stepped;
        this.spikes = spikes;
        this.membrane = membrane;
        this.stopNote = stopNote;
    }

    /** The activity {@code records} carry for a policy of {@code layout}. */
    public static NetworkActivity of(NetworkActivityLayout layout, List<TickRecord> records) {
        int layers = layout.layers();
        int n = records.size();
        long[][] spikes = new long[layers][];
        for (int k = 0; k < layers; k++) {
            spikes[k] = new long[n * wordsPerTick(layout.recordedWidth(k))];
        }
        float[][] membrane = new float[layout.watched()][n];
        boolean[] stepped = new boolean[n];
        for (int i = 0; i < n; i++) {
            TickRecord r = records.get(i);
            stepped[i] = r.activityRecorded;
            for (int k = 0; k < layers; k++) {
                int words = wordsPerTick(layout.recordedWidth(k));
                System.arraycopy(r.spikeBits, k * NetworkActivityLayout.WORDS_PER_LAYER, spikes[k], i * words, words);
            }
            for (int w = 0; w < membrane.length; w++) {
                membrane[w][i] = r.watchedMembrane[w];
            }
        }
        return new NetworkActivity(layout, n, stepped, spikes, membrane, null);
    }

    /** The layers' widths and the watched neurons. */
    public NetworkActivityLayout layout() {
        return layout;
    }

    static int wordsPerTick(int neurons) {
        return (neurons + 63) / 64;
    }

    /** Ticks recorded, from tick 0. */
    public int ticks() {
        return ticks;
    }

    public boolean stepped(int tick) {
        return stepped[tick];
    }

    /** Spike bits of {@code layer}, {@link #layerWords} per tick; bit i % 64 of word i / 64 is neuron i. */
    public long[] spikeBits(int layer) {
        return spikes[layer];
    }

    /** Words of spike bits per tick of {@code layer}. */
    public int layerWords(int layer) {
        return wordsPerTick(layout.recordedWidth(layer));
    }

    /** Spikes of {@code layer} at {@code tick}. */
    public int spikeCount(int layer, int tick) {
        int words = wordsPerTick(layout.recordedWidth(layer));
        int n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(spikes[layer][tick * words + w]);
        }
        return n;
    }

    /** Membrane of watched neuron {@code w} per tick. */
    public float[] membrane(int w) {
        return membrane[w];
    }

    /** Why reading stopped before the end of the file, or null. */
    public String stopNote() {
        return stopNote;
    }
}
