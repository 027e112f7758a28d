package io.spikepilot.report.flight;

import io.spikepilot.controller.record.NetworkActivityCsv;
import io.spikepilot.controller.record.NetworkActivityLayout;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.replay.TraceFormatException;
import io.spikepilot.controller.replay.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link NetworkActivityCsv} file. The format line and header must be right or nothing is read (a
 * {@link TraceFormatException} naming file, line, field, expected and found); rows are read up to the first that is
 * not, and {@link NetworkActivity#stopNote()} says where and why, so a damaged file still shows what came before the
 * damage.
 */
public final class NetworkActivityReader {
    private NetworkActivityReader() {
    }

    public static NetworkActivity read(Path file) throws TraceFormatException {
        return parse(file.toString(), TraceReader.readText(file, "activity file", true));
    }

    /** Parses the text of an activity file; {@code fileName} is used in messages. */
    public static NetworkActivity parse(String fileName, String text) throws TraceFormatException {
        int firstEnd = text.indexOf('\n');
        String formatLine = firstEnd < 0 ? text : text.substring(0, firstEnd);
        Header h = parseFormatLine(fileName, formatLine);
        int secondEnd = firstEnd < 0 ? -1 : text.indexOf('\n', firstEnd + 1);
        if (secondEnd < 0) {
            throw new TraceFormatException(fileName + ":2: expected the header line, found "
                    + (firstEnd < 0 || firstEnd + 1 >= text.length() ? "the end of the file" : "a line cut short"));
        }
        List<String> columns = NetworkActivityCsv.columns(h.widths.length, h.watchedLayer, h.watchedNeuron);
        String header = text.substring(firstEnd + 1, secondEnd);
        if (!header.equals(String.join(",", columns))) {
            String[] found = header.split(",", -1);
            for (int c = 0; c < columns.size(); c++) {
                if (c >= found.length || !found[c].equals(columns.get(c))) {
                    throw new TraceFormatException(String.format("%s:2: header column %d: expected '%s', found %s",
                            fileName, c + 1, columns.get(c), c >= found.length ? "the end of the header"
                                    : "'" + abbreviate(found[c]) + "'"));
                }
            }
            throw new TraceFormatException(String.format("%s:2: header: expected %d columns, found %d", fileName,
                    columns.size(), found.length));
        }
        int layers = h.widths.length;
        int[] recorded = new int[layers];
        List<long[]> bits = new ArrayList<>();
        List<float[]> membranes = new ArrayList<>();
        List<Boolean> stepped = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            recorded[k] = Math.min(h.widths[k], NetworkActivityLayout.MAX_NEURONS_PER_LAYER);
        }
        String stopNote = null;
        int start = secondEnd + 1;
        int lineNo = 3;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                stopNote = fileName + ":" + lineNo + ": the last line is cut short (no line end): the activity "
                        + "stops before it";
                break;
            }
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            String problem = parseRow(fileName, lineNo, line, columns, recorded, h.watchedLayer.length,
                    stepped.size(), bits, membranes, stepped);
            if (problem != null) {
                stopNote = problem + "; the activity stops before it";
                break;
            }
            start = end + 1;
            lineNo++;
        }
        int n = stepped.size();
        long[][] spikes = new long[layers][];
        for (int k = 0; k < layers; k++) {
            int words = NetworkActivity.wordsPerTick(recorded[k]);
            spikes[k] = new long[n * words];
            for (int i = 0; i < n; i++) {
                System.arraycopy(bits.get(i), offset(recorded, k), spikes[k], i * words, words);
            }
        }
        float[][] membrane = new float[h.watchedLayer.length][n];
        boolean[] steppedArray = new boolean[n];
        for (int i = 0; i < n; i++) {
            steppedArray[i] = stepped.get(i);
            for (int w = 0; w < membrane.length; w++) {
                membrane[w][i] = membranes.get(i)[w];
            }
        }
        return new NetworkActivity(NetworkActivityLayout.of(h.widths, h.watchedLayer, h.watchedNeuron), n,
                steppedArray, spikes, membrane, stopNote);
    }

    private static int offset(int[] recorded, int layer) {
        int o = 0;
        for (int k = 0; k < layer; k++) {
            o += NetworkActivity.wordsPerTick(recorded[k]);
        }
        return o;
    }

    /** Parses one row into the lists; returns what is wrong with it (file, line, column, expected, found), or null. */
    private static String parseRow(String file, int lineNo, String line, List<String> columns, int[] recorded,
                                   int watched, int expectedTick, List<long[]> bits, List<float[]> membranes,
                                   List<Boolean> stepped) {
        String[] v = line.split(",", -1);
        if (v.length != columns.size()) {
            return String.format("%s:%d: expected %d columns, found %d", file, lineNo, columns.size(), v.length);
        }
        long tick;
        try {
            tick = Long.parseLong(v[0]);
        } catch (NumberFormatException e) {
            return bad(file, lineNo, columns, v, 0, "a tick number");
        }
        if (tick != expectedTick) {
            return String.format("%s:%d: column tick (1): expected %d (ticks run from 0 without gaps), found %d",
                    file, lineNo, expectedTick, tick);
        }
        if (!v[1].equals("0") && !v[1].equals("1")) {
            return bad(file, lineNo, columns, v, 1, "0 or 1");
        }
        int totalWords = offset(recorded, recorded.length);
        long[] row = new long[totalWords];
        for (int k = 0; k < recorded.length; k++) {
            String hex = v[2 + k];
            int digits = NetworkActivityCsv.hexDigits(recorded[k]);
            if (hex.length() != digits) {
                return bad(file, lineNo, columns, v, 2 + k, digits + " hex digits (one per 4 of the layer's "
                        + recorded[k] + " neurons)");
            }
            int base = offset(recorded, k);
            for (int j = 0; j < digits; j++) {
                int d = Character.digit(hex.charAt(j), 16);
                if (d < 0 || hex.charAt(j) != Character.toLowerCase(hex.charAt(j))) {
                    return bad(file, lineNo, columns, v, 2 + k, "lower-case hex digits");
                }
                int neuron = 4 * j;
                if (neuron + 4 > recorded[k] && (d >> (recorded[k] - neuron)) != 0) {
                    return bad(file, lineNo, columns, v, 2 + k, "no spike bits beyond the layer's "
                            + recorded[k] + " neurons");
                }
                row[base + (neuron >>> 6)] |= (long) d << (neuron & 63);
            }
        }
        float[] m = new float[watched];
        for (int w = 0; w < watched; w++) {
            int c = 2 + recorded.length + w;
            try {
                m[w] = Float.parseFloat(v[c]);
            } catch (NumberFormatException e) {
                return bad(file, lineNo, columns, v, c, "a decimal number");
            }
        }
        bits.add(row);
        membranes.add(m);
        stepped.add(v[1].equals("1"));
        return null;
    }

    private static String bad(String file, int line, List<String> columns, String[] v, int c, String expected) {
        return String.format("%s:%d: column %s (%d): expected %s, found '%s'", file, line, columns.get(c), c + 1,
                expected, abbreviate(v[c]));
    }

    private record Header(int[] widths, int[] watchedLayer, int[] watchedNeuron) {
    }

    private static Header parseFormatLine(String file, String line) throws TraceFormatException {
        String expected = NetworkActivityCsv.FORMAT_PREFIX + NetworkActivityCsv.FORMAT_VERSION
                + " layers=<widths> watched=<layer:neuron,...>";
        if (!line.startsWith(NetworkActivityCsv.FORMAT_PREFIX)) {
            throw new TraceFormatException(file + ":1: expected the format line '" + expected + "', found '"
                    + abbreviate(line) + "'");
        }
        String[] parts = line.substring(NetworkActivityCsv.FORMAT_PREFIX.length()).split(" ", -1);
        int version;
        try {
            version = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(file + ":1: format: expected a version number, found '"
                    + abbreviate(parts[0]) + "'");
        }
        if (version != NetworkActivityCsv.FORMAT_VERSION) {
            throw new TraceFormatException(file + ":1: format: expected version " + NetworkActivityCsv.FORMAT_VERSION
                    + " (the one this build reads), found version " + version
                    + (version > NetworkActivityCsv.FORMAT_VERSION ? " (written by a newer spikepilot)" : ""));
        }
        if (parts.length != 3 || !parts[1].startsWith("layers=") || !parts[2].startsWith("watched=")) {
            throw new TraceFormatException(file + ":1: format line: expected '" + expected + "', found '"
                    + abbreviate(line) + "'");
        }
        String[] w = parts[1].substring("layers=".length()).split(",", -1);
        if (w.length > TickRecord.MAX_SPIKE_LAYERS) {
            throw new TraceFormatException(file + ":1: layers: expected at most " + TickRecord.MAX_SPIKE_LAYERS
                    + " layer widths, found " + w.length);
        }
        int[] widths = new int[w.length];
        for (int k = 0; k < w.length; k++) {
            widths[k] = integer(file, "layers", w[k], 1, 1 << 20);
        }
        String watchedText = parts[2].substring("watched=".length());
        String[] items = watchedText.isEmpty() ? new String[0] : watchedText.split(",", -1);
        if (items.length > NetworkActivityLayout.MAX_WATCHED) {
            throw new TraceFormatException(file + ":1: watched: expected at most " + NetworkActivityLayout.MAX_WATCHED
                    + " neurons, found " + items.length);
        }
        int[] layer = new int[items.length];
        int[] neuron = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            String[] ln = items[i].split(":", -1);
            if (ln.length != 2) {
                throw new TraceFormatException(file + ":1: watched: expected 'layer:neuron', found '"
                        + abbreviate(items[i]) + "'");
            }
            layer[i] = integer(file, "watched layer", ln[0], 0, widths.length - 1);
            neuron[i] = integer(file, "watched neuron", ln[1], 0, widths[layer[i]] - 1);
        }
        return new Header(widths, layer, neuron);
    }

    /** {@code text} as an integer in [{@code lo}, {@code hi}], or a message naming the field. */
    private static int integer(String file, String field, String text, int lo, int hi) throws TraceFormatException {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = Integer.MIN_VALUE;
        }
        if (value < lo || value > hi) {
            throw new TraceFormatException(String.format("%s:1: %s: expected an integer in [%d, %d], found '%s'",
                    file, field, lo, hi, abbreviate(text)));
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
