package io.spikepilot.controller.replay;

import io.spikepilot.controller.io.LimitedFiles;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.controller.supervisor.Reasons;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a tick trace strictly: the format line, the exact header of that format, then rows of exactly one value per
 * column, each parsed as its column's type, with consecutive tick numbers from 0. Reads the current format and
 * format 2 (the same without the {@code fault_injected} column: its rows read as "no fault injected"); refuses
 * format 1 and any version it does not know.
 *
 * <p>Everything that would make a replay wrong fails with a {@link TraceFormatException} naming file, line, column,
 * expected and found. Two things end the replayable part early without failing, as a log with a broken tail should
 * replay up to the break: a last line without its line terminator (the writer always ends a row with one, so the
 * file was cut while being written) and a jump in the tick numbers (the logger lost records when the loop lapped it;
 * the controller's state across the gap is unknown). {@link RecordedTrace#stopNote()} says which.
 */
public final class TraceReader {
    private static final Map<String, Integer> REASON_BITS = new HashMap<>();

    static {
        for (int bit = 0; bit < Reasons.count(); bit++) {
            REASON_BITS.put(Reasons.nameOfBit(bit), 1 << bit);
        }
    }

    /** The largest trace read: about an hour at 250 Hz; a guard against a wrong path such as /dev/zero. */
    public static final long MAX_BYTES = 1L << 30;

    private TraceReader() {
    }

    /** Reads {@code file}. */
    public static RecordedTrace read(Path file) throws TraceFormatException {
        return parse(file.toString(), readText(file, "trace", false), false);
    }

    /**
     * Reads {@code file} for a report rather than a replay: a row that is wrong (a corrupt cell, a row of the wrong
     * width, ticks out of order) ends the readable part instead of failing, and {@link RecordedTrace#stopNote()} names
     * the file, line, column, expected and found. The format line, the header and the first row must still be right.
     */
    public static RecordedTrace readUpToDamage(Path file) throws TraceFormatException {
        return parse(file.toString(), readText(file, "trace", true), true);
    }

    /**
     * A trace or a file beside it ({@code what}, for messages) as text, at most {@link #MAX_BYTES}; bytes that are not
     * UTF-8 fail it, or with {@code lenient} become U+FFFD (a damaged row the parser then names).
     */
    public static String readText(Path file, String what, boolean lenient) throws TraceFormatException {
        String text;
        try {
            byte[] bytes = LimitedFiles.readAllBytes(file, MAX_BYTES, what);
            text = lenient ? new String(bytes, StandardCharsets.UTF_8)
                    : StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new TraceFormatException(file + ": expected UTF-8 text, found bytes that are not");
        } catch (IOException e) {
            throw new TraceFormatException(file + ": cannot read: " + e.getMessage());
        }
        return text;
    }

    /** Parses the text of a trace; {@code fileName} is used in messages. */
    public static RecordedTrace parse(String fileName, String text) throws TraceFormatException {
        return parse(fileName, text, false);
    }

    /** The same as {@link #readUpToDamage} on text. */
    public static RecordedTrace parseUpToDamage(String fileName, String text) throws TraceFormatException {
        return parse(fileName, text, true);
    }

    private static RecordedTrace parse(String fileName, String text, boolean stopAtDamage)
            throws TraceFormatException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        boolean lastTerminated = true;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                lines.add(text.substring(start));
                lastTerminated = false;
                break;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, stop));
            start = end + 1;
        }
        if (lines.isEmpty()) {
            throw new TraceFormatException(fileName + ":1: expected the format line '" + TickTraceCsv.FORMAT_PREFIX
                    + TickTraceCsv.FORMAT_VERSION + " ...', found an empty file");
        }
        FormatLine format = parseFormatLine(fileName, lines.get(0));
        List<String> columns = TickTraceCsv.columns(format.version());
        if (lines.size() < 2 || (lines.size() == 2 && !lastTerminated)) {
            throw new TraceFormatException(fileName + ":2: expected the header line, found "
                    + (lines.size() < 2 ? "the end of the file" : "a line cut short: '" + lines.get(1) + "'"));
        }
        checkHeader(fileName, lines.get(1), columns);

        List<TickRecord> rows = new ArrayList<>();
        String stopNote = null;
        for (int i = 2; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            boolean last = i == lines.size() - 1;
            if (last && !lastTerminated) {
                stopNote = fileName + ":" + lineNo + ": the last line is cut short (no line end, "
                        + line.split(",", -1).length + " of " + columns.size()
                        + " columns): the replay stops before it";
                break;
            }
            if (line.isEmpty() && last) {
                break;
            }
            TickRecord r;
            try {
                r = parseRow(fileName, lineNo, line, columns, format.version());
            } catch (TraceFormatException e) {
                if (!stopAtDamage || rows.isEmpty()) {
                    throw e;
                }
                stopNote = e.getMessage() + ": the ticks before it are kept";
                break;
            }
            long expected = rows.size();
            if (r.tick != expected) {
                if (rows.isEmpty()) {
                    throw new TraceFormatException(String.format("%s:%d: column tick (1): expected 0, the first tick "
                            + "of the flight (a replay must start where the controller started), found %d",
                            fileName, lineNo, r.tick));
                }
                if (r.tick > expected) {
                    stopNote = String.format("%s:%d: tick %d follows tick %d: the logger lost %d records, so the "
                            + "replay stops at the gap", fileName, lineNo, r.tick, expected - 1, r.tick - expected);
                    break;
                }
                String message = String.format("%s:%d: column tick (1): expected %d, found %d", fileName, lineNo,
                        expected, r.tick);
                if (!stopAtDamage) {
                    throw new TraceFormatException(message);
                }
                stopNote = message + ": the ticks before it are kept";
                break;
            }
            rows.add(r);
        }
        if (rows.isEmpty()) {
            throw new TraceFormatException(fileName + ":3: expected at least one complete tick row, found "
                    + (stopNote == null ? "none" : "none: " + stopNote));
        }
        return new RecordedTrace(fileName, format.version(), format.policyId(), format.configId(), rows, stopNote);
    }

    private record FormatLine(int version, String policyId, String configId) {
    }

    private static FormatLine parseFormatLine(String fileName, String line) throws TraceFormatException {
        String expectedLine = TickTraceCsv.FORMAT_PREFIX + TickTraceCsv.FORMAT_VERSION + " policy=... config=...";
        if (line.startsWith("tick,")) {
            throw new TraceFormatException(fileName + ":1: expected the format line '" + expectedLine
                    + "', found a header without one: this is a format-1 trace, written before the loop's inputs "
                    + "were recorded, and it cannot be replayed");
        }
        if (!line.startsWith(TickTraceCsv.FORMAT_PREFIX)) {
            throw new TraceFormatException(fileName + ":1: expected the format line '" + expectedLine + "', found '"
                    + abbreviate(line) + "'");
        }
        String[] parts = line.substring(TickTraceCsv.FORMAT_PREFIX.length()).split(" ");
        int version;
        try {
            version = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(fileName + ":1: format: expected a version number, found '" + parts[0]
                    + "'");
        }
        if (version < TickTraceCsv.OLDEST_REPLAYABLE_VERSION || version > TickTraceCsv.FORMAT_VERSION) {
            throw new TraceFormatException(fileName + ":1: format: expected version "
                    + TickTraceCsv.OLDEST_REPLAYABLE_VERSION + " to " + TickTraceCsv.FORMAT_VERSION
                    + " (the ones this build replays), found version " + version
                    + (version > TickTraceCsv.FORMAT_VERSION ? " (written by a newer spikepilot)" : ""));
        }
        String policy = null;
        String config = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("policy=")) {
                policy = parts[i].substring("policy=".length());
            } else if (parts[i].startsWith("config=")) {
                config = parts[i].substring("config=".length());
            } else {
                throw new TraceFormatException(fileName + ":1: format line: expected 'policy=<id>' or 'config=<id>', "
                        + "found '" + parts[i] + "'");
            }
        }
        if (policy == null || config == null || policy.isEmpty() || config.isEmpty()) {
            throw new TraceFormatException(fileName + ":1: format line: expected both 'policy=<id>' and "
                    + "'config=<id>', found '" + line + "'");
        }
        return new FormatLine(version, policy, config);
    }

    private static void checkHeader(String fileName, String line, List<String> columns)
            throws TraceFormatException {
        String[] names = line.split(",", -1);
        for (int c = 0; c < columns.size(); c++) {
            if (c >= names.length) {
                throw new TraceFormatException(String.format("%s:2: header column %d: expected '%s', found the end "
                        + "of the header (%d columns instead of %d)", fileName, c + 1, columns.get(c), names.length,
                        columns.size()));
            }
            if (!names[c].equals(columns.get(c))) {
                throw new TraceFormatException(String.format("%s:2: header column %d: expected '%s', found '%s'",
                        fileName, c + 1, columns.get(c), abbreviate(names[c])));
            }
        }
        if (names.length != columns.size()) {
            throw new TraceFormatException(String.format("%s:2: header: expected %d columns ending with '%s', found "
                    + "%d (extra '%s')", fileName, columns.size(), columns.get(columns.size() - 1), names.length,
                    abbreviate(names[columns.size()])));
        }
    }

    private static TickRecord parseRow(String fileName, int lineNo, String line, List<String> columns, int version)
            throws TraceFormatException {
        String[] v = line.split(",", -1);
        if (v.length != columns.size()) {
            throw new TraceFormatException(String.format("%s:%d: expected %d columns, found %d", fileName, lineNo,
                    columns.size(), v.length));
        }
        Cells c = new Cells(fileName, lineNo, v, columns);
        TickRecord r = new TickRecord();
        r.tick = c.nonNegativeLong();
        r.nowNs = c.longValue();
        r.deadlineNs = c.longValue();
        r.missedTicks = c.nonNegativeLong();
        r.previousTickNs = c.longValue();
        r.stateReceived = c.bool();
        r.stateTimeNs = c.longValue();
        c.doubles(r.statePositionNwuM);
        c.doubles(r.stateVelocityNwuMps);
        c.doubles(r.stateAttitudeNwuFlu);
        c.doubles(r.stateBodyRateFluRadps);
        r.linkLastRxNs = c.longValue();
        r.command = c.command();
        r.targetRequested = c.bool();
        for (int i = 0; i < 3; i++) {
            r.requestedTargetNwuM[i] = r.targetRequested ? c.finiteDouble() : c.doubleValue();
        }
        r.requestedYawRad = r.targetRequested ? c.finiteDouble() : c.doubleValue();
        r.policyMatchesConfig = c.bool();
        // format 2 did not record injected faults
        r.faultInjected = version >= 3 && c.bool();
        r.mode = c.mode();
        r.previousMode = c.mode();
        r.transitioned = c.bool();
        r.reasons = c.reasons();
        r.decoderFlags = c.intValue();
        r.pidFlags = c.intValue();
        r.saturationEvents = c.nonNegativeLong();
        c.doubles(r.targetNwuM);
        r.targetYawRad = c.doubleValue();
        c.floats(r.observation);
        r.spikeLayers = c.spikeCounts(r.spikeCounts);
        c.floats(r.action);
        c.doubles(r.snnSetpoint);
        c.doubles(r.pidSetpoint);
        c.doubles(r.sentSetpoint);
        return r;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** A cursor over one row's cells that parses each as its column's type or fails naming the column. */
    private static final class Cells {
        private final String file;
        private final int line;
        private final String[] values;
        private final List<String> columns;
        private int next;

        Cells(String file, int line, String[] values, List<String> columns) {
            this.file = file;
            this.line = line;
            this.values = values;
            this.columns = columns;
        }

        private TraceFormatException bad(int column, String expected) {
            return new TraceFormatException(String.format("%s:%d: column %s (%d): expected %s, found '%s'", file,
                    line, columns.get(column), column + 1, expected, abbreviate(values[column])));
        }

        long longValue() throws TraceFormatException {
            int c = next++;
            try {
                return Long.parseLong(values[c]);
            } catch (NumberFormatException e) {
                throw bad(c, "an integer");
            }
        }

        long nonNegativeLong() throws TraceFormatException {
            long value = longValue();
            if (value < 0) {
                throw bad(next - 1, "a non-negative integer");
            }
            return value;
        }

        int intValue() throws TraceFormatException {
            int c = next++;
            try {
                return Integer.parseInt(values[c]);
            } catch (NumberFormatException e) {
                throw bad(c, "a 32-bit integer");
            }
        }

        boolean bool() throws TraceFormatException {
            int c = next++;
            switch (values[c]) {
                case "0":
                    return false;
                case "1":
                    return true;
                default:
                    throw bad(c, "0 or 1");
            }
        }

        double doubleValue() throws TraceFormatException {
            int c = next++;
            String s = values[c];
            // parseDouble accepts padding, hex and 'd'/'f' suffixes; the writer produces none of them
            if (s.isEmpty() || s.strip().length() != s.length() || s.endsWith("d") || s.endsWith("D")
                    || s.endsWith("f") || s.endsWith("F") || s.startsWith("0x") || s.startsWith("-0x")) {
                throw bad(c, "a decimal number");
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw bad(c, "a decimal number");
            }
        }

        double finiteDouble() throws TraceFormatException {
            double value = doubleValue();
            if (!Double.isFinite(value)) {
                throw bad(next - 1, "a finite number (an operator target is always finite)");
            }
            return value;
        }

        void doubles(double[] into) throws TraceFormatException {
            for (int i = 0; i < into.length; i++) {
                into[i] = doubleValue();
            }
        }

        void floats(float[] into) throws TraceFormatException {
            for (int i = 0; i < into.length; i++) {
                double d = doubleValue();
                float f = Float.parseFloat(values[next - 1]);
                if (Double.isFinite(d) && !Float.isFinite(f)) {
                    throw bad(next - 1, "a number within the 32-bit float range");
                }
                into[i] = f;
            }
        }

        int spikeCounts(int[] into) throws TraceFormatException {
            int layers = 0;
            boolean ended = false;
            for (int i = 0; i < into.length; i++) {
                int c = next++;
                if (values[c].isEmpty()) {
                    ended = true;
                    into[i] = 0;
                    continue;
                }
                if (ended) {
                    throw bad(c, "an empty cell after an empty spike count (layers are filled from the first)");
                }
                try {
                    into[i] = Integer.parseInt(values[c]);
                } catch (NumberFormatException e) {
                    throw bad(c, "a spike count or an empty cell");
                }
                if (into[i] < 0) {
                    throw bad(c, "a non-negative spike count");
                }
                layers++;
            }
            return layers;
        }

        int mode() throws TraceFormatException {
            int c = next++;
            for (FlightMode m : FlightMode.values()) {
                if (m.name().equals(values[c])) {
                    return m.ordinal();
                }
            }
            throw bad(c, "one of " + java.util.Arrays.toString(FlightMode.values()));
        }

        int command() throws TraceFormatException {
            int c = next++;
            for (OperatorCommand m : OperatorCommand.values()) {
                if (m.name().equals(values[c])) {
                    return m.ordinal();
                }
            }
            throw bad(c, "one of " + java.util.Arrays.toString(OperatorCommand.values()));
        }

        int reasons() throws TraceFormatException {
            int c = next++;
            if (values[c].equals("NONE")) {
                return Reasons.NONE;
            }
            int bits = 0;
            for (String name : values[c].split("\\|", -1)) {
                Integer bit = REASON_BITS.get(name);
                if (bit == null) {
                    throw bad(c, "NONE or reason names joined by '|'");
                }
                bits |= bit;
            }
            return bits;
        }
    }
}
