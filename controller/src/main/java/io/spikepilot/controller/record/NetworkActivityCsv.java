package io.spikepilot.controller.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional network-activity file beside a trace ({@code flight-….activity.csv} next to
 * {@code flight-….trace.csv}): per tick, which neurons of each hidden layer spiked and the membranes of the watched
 * neurons. Its own versioned format, so traces stay as they were and a flight without a spiking policy writes none.
 * Written on the logger thread from the tick records, never on the loop.
 *
 * <pre>
 * #spikepilot-activity format=1 layers=128,64 watched=0:21,0:64,0:106,1:10,1:32,1:53
 * tick,stepped,spikes_layer0,spikes_layer1,membrane_l0_n21,…
 * 0,1,0400…,…,0.0132,…
 * </pre>
 *
 * A layer's spikes are hex digits, digit {@code j} holding neurons {@code 4j … 4j+3} (bit b = neuron 4j+b), as many
 * digits as the layer's recorded width needs; membranes are {@link Float#toString(float)} values (they read back to
 * the same bits). {@code stepped} 0 means the policy did not step that tick (no state yet): its cells are zeros.
 */
public final class NetworkActivityCsv {
    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT_PREFIX = "#spikepilot-activity format=";
    /** How an activity file's name ends. */
    public static final String SUFFIX = ".activity.csv";
    private static final String TRACE_SUFFIX = ".trace.csv";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NetworkActivityCsv() {
    }

    /** The activity file that belongs to {@code trace}: {@code x.trace.csv} → {@code x.activity.csv}. */
    public static Path besideTrace(Path trace) {
        String name = trace.getFileName().toString();
        String stem = name.endsWith(TRACE_SUFFIX) ? name.substring(0, name.length() - TRACE_SUFFIX.length()) : name;
        return trace.resolveSibling(stem + SUFFIX);
    }

    /** The first line: format version, layer widths, watched neurons as {@code layer:neuron}. */
    public static String formatLine(NetworkActivityLayout layout) {
        StringBuilder s = new StringBuilder(FORMAT_PREFIX).append(FORMAT_VERSION).append(" layers=");
        for (int k = 0; k < layout.layers(); k++) {
            s.append(k == 0 ? "" : ",").append(layout.width(k));
        }
        s.append(" watched=");
        for (int w = 0; w < layout.watched(); w++) {
            s.append(w == 0 ? "" : ",").append(layout.watchedLayer(w)).append(':').append(layout.watchedNeuron(w));
        }
        return s.toString();
    }

    /** The header's column names for {@code layout}. */
    public static List<String> columns(NetworkActivityLayout layout) {
        int[] layer = new int[layout.watched()];
        int[] neuron = new int[layout.watched()];
        for (int w = 0; w < layer.length; w++) {
            layer[w] = layout.watchedLayer(w);
            neuron[w] = layout.watchedNeuron(w);
        }
        return columns(layout.layers(), layer, neuron);
    }

    /** The header's column names for {@code layers} layers and these watched neurons (as a reader finds them). */
    public static List<String> columns(int layers, int[] watchedLayer, int[] watchedNeuron) {
        List<String> c = new ArrayList<>(List.of("tick", "stepped"));
        for (int k = 0; k < layers; k++) {
            c.add("spikes_layer" + k);
        }
        for (int w = 0; w < watchedLayer.length; w++) {
            c.add("membrane_l" + watchedLayer[w] + "_n" + watchedNeuron[w]);
        }
        return List.copyOf(c);
    }

    /** Hex digits of a layer of {@code neurons} recorded neurons. */
    public static int hexDigits(int neurons) {
        return (neurons + 3) / 4;
    }

    /** Appends one row for {@code r} followed by a newline. */
    public static void appendRow(TickRecord r, NetworkActivityLayout layout, StringBuilder out) {
        out.append(r.tick).append(',').append(r.activityRecorded ? 1 : 0);
        for (int k = 0; k < layout.layers(); k++) {
            out.append(',');
            int base = k * NetworkActivityLayout.WORDS_PER_LAYER;
            int digits = hexDigits(layout.recordedWidth(k));
            for (int j = 0; j < digits; j++) {
                int neuron = 4 * j;
                out.append(HEX[(int) (r.spikeBits[base + (neuron >>> 6)] >>> (neuron & 63)) & 0xf]);
            }
        }
        for (int w = 0; w < layout.watched(); w++) {
            out.append(',').append(r.watchedMembrane[w]);
        }
        out.append('\n');
    }
}
