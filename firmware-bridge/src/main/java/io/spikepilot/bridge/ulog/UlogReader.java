package io.spikepilot.bridge.ulog;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams a PX4 ULog: {@link #open} reads the header; {@link #next} returns the data messages one by one, reading
 * the definitions, subscriptions, info, parameters, log strings, sync markers and dropouts on the way.
 *
 * <p>Layout (PX4's ULog file format): a 16-byte header ({@code ULog} 0x01 0x12 0x35, a version byte, a uint64 start
 * time in µs), then messages of {@code uint16 size, uint8 type} and {@code size} bytes, little-endian.
 *
 * <p>Damage: a message cut off by the end of the file ends the read at its start; a message of an unknown type, or
 * data for a msg_id nobody subscribed, is corruption: the reader looks for the next sync marker and goes on there,
 * or stops when there is none. Where appended data is flagged, a message that would run across an appended offset
 * is cut there and reading goes on at the offset, as PX4's logger leaves it.
 */
public final class UlogReader implements Closeable {
    /** The newest file-format version this reader knows. */
    public static final int MAX_VERSION = 1;
    private static final byte[] MAGIC = {'U', 'L', 'o', 'g', 0x01, 0x12, 0x35};
    private static final byte[] SYNC = {0x2F, 0x73, 0x13, 0x20, 0x25, 0x0C, (byte) 0xBB, 0x12};
    private static final int HEADER_BYTES = 16;
    private static final int MESSAGE_HEADER = 3;
    private static final int WINDOW = 1 << 18;
    /** incompat_flags[0] bit 0: data appended at the offsets in the flag-bits message. */
    private static final int INCOMPAT_DATA_APPENDED = 1;

    private final InputStream in;
    private final String source;
    private final byte[] buffer = new byte[WINDOW];
    private int start;
    private int end;
    private boolean eof;
    private long offsetOfStart;

    private final int version;
    private final long startTimeUs;
    private final Map<String, String> formats = new LinkedHashMap<>();
    private final Map<String, List<UlogField>> layouts = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<Integer, UlogTopic> topics = new TreeMap<>();
    private final List<UlogTopic> subscriptions = new ArrayList<>();
    private final Map<String, String> info = new LinkedHashMap<>();
    private final Map<String, Double> parameters = new LinkedHashMap<>();
    private final long[] appendedOffsets = new long[3];
    private int nextAppended;
    private boolean firstMessage = true;

    private long dataMessages;
    private long logStrings;
    private long dropouts;
    private long dropoutMs;
    private long syncMarkers;
    private final List<String> damage = new ArrayList<>();
    private String stopNote;

    private UlogReader(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        fill(HEADER_BYTES);
        if (end - start < HEADER_BYTES) {
            throw new UlogFormatException(source + ": not a ULog: expected a 16-byte header, found " + (end - start)
                    + " bytes in the whole file");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer[i] != MAGIC[i]) {
                throw new UlogFormatException(source + ": not a ULog: byte " + i + " of the header should be 0x"
                        + hex(MAGIC[i]) + " (magic 'ULog' 01 12 35), found 0x" + hex(buffer[i]));
            }
        }
        version = buffer[7] & 0xFF;
        if (version > MAX_VERSION) {
            throw new UlogFormatException(source + ": ULog version " + version + " (header byte 7): this reader "
                    + "knows versions 0 to " + MAX_VERSION + " and refuses newer ones rather than misread them");
        }
        startTimeUs = i64(7 + 1);
        advance(HEADER_BYTES);
    }

    /** Opens a file and reads its header. */
    public static UlogReader open(Path file) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "ULog file does not exist");
        }
        try {
            return new UlogReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads up to the next data message; false at the end of the log (or where damage ended it: see
     * {@link #stopNote()}).
     *
     * @throws UlogFormatException when the definitions are unusable (unknown incompatible flags, a broken format)
     */
    public boolean next(UlogSample sample) throws IOException {
        while (true) {
            fill(MESSAGE_HEADER);
            int available = end - start;
            if (available == 0) {
                return false;
            }
            if (available < MESSAGE_HEADER) {
                return stop(String.format(Locale.ROOT, "the log ends inside a message header at byte %d (%d of 3 "
                        + "bytes)", offsetOfStart, available));
            }
            int size = u16(start);
            int type = buffer[start + 2] & 0xFF;
            if (crossesAppendedOffset(size)) {
                continue;
            }
            if ("BFIMPQARDLCSO".indexOf(type) < 0) {
                // judged before the size: a corrupt header's size is as random as its type
                if (!resync(offsetOfStart, String.format(Locale.ROOT, "message type 0x%02x, which ULog does not "
                        + "define", type))) {
                    return false;
                }
                continue;
            }
            fill(MESSAGE_HEADER + size);
            if (end - start < MESSAGE_HEADER + size) {
                return stop(String.format(Locale.ROOT, "the log ends inside a '%c' message at byte %d (header says "
                        + "%d bytes, %d are there)", (char) type, offsetOfStart, size, end - start - MESSAGE_HEADER));
            }
            int body = start + MESSAGE_HEADER;
            long at = offsetOfStart;
            boolean first = firstMessage;
            firstMessage = false;
            String problem = null;
            switch (type) {
                case 'B':
                    if (first) {
                        readFlagBits(body, size);
                    } else {
                        problem = "a flag-bits message after the first message";
                    }
                    break;
                case 'F':
                    readFormat(body, size);
                    break;
                case 'I':
                    readInfo(body, size, false);
                    break;
                case 'M':
                    if (size >= 2) {
                        readInfo(body + 1, size - 1, false);
                    }
                    break;
                case 'P':
                    readInfo(body, size, true);
                    break;
                case 'Q':
                    break;
                case 'A':
                    problem = subscribe(body, size);
                    break;
                case 'R':
                    break;
                case 'D':
                    if (size < 2) {
                        problem = "a data message of " + size + " bytes (expected at least its 2-byte msg_id)";
                        break;
                    }
                    UlogTopic topic = topics.get(u16(body));
                    if (topic == null) {
                        problem = "data for msg_id " + u16(body) + ", to which nothing subscribed";
                        break;
                    }
                    sample.topic = topic;
                    sample.data = buffer;
                    sample.start = body + 2;
                    sample.length = size - 2;
                    sample.fileOffset = at;
                    dataMessages++;
                    advance(MESSAGE_HEADER + size);
                    return true;
                case 'L':
                case 'C':
                    logStrings++;
                    break;
                case 'S':
                    syncMarkers++;
                    break;
                case 'O':
                    dropouts++;
                    if (size >= 2) {
                        dropoutMs += u16(body);
                    }
                    break;
                default:
                    problem = String.format(Locale.ROOT, "message type 0x%02x, which ULog does not define", type);
            }
            if (problem != null) {
                if (!resync(at, problem)) {
                    return false;
                }
                continue;
            }
            advance(MESSAGE_HEADER + size);
        }
    }

    /** With appended data flagged, a message may run across the next appended offset: reading goes on there. */
    private boolean crossesAppendedOffset(int size) throws IOException {
        while (nextAppended < 3 && appendedOffsets[nextAppended] != 0
                && appendedOffsets[nextAppended] <= offsetOfStart) {
            nextAppended++;
        }
        if (nextAppended >= 3 || appendedOffsets[nextAppended] == 0) {
            return false;
        }
        long offset = appendedOffsets[nextAppended];
        if (offsetOfStart + MESSAGE_HEADER + size <= offset) {
            return false;
        }
        damage.add(String.format(Locale.ROOT, "the message at byte %d runs across the appended-data offset %d: cut "
                + "there, reading went on with the appended data", offsetOfStart, offset));
        skipTo(offset);
        nextAppended++;
        return true;
    }

    private boolean resync(long at, String problem) throws IOException {
        advance(1);
        while (true) {
            fill(SYNC.length + MESSAGE_HEADER);
            int available = end - start;
            if (available < SYNC.length) {
                return stop(String.format(Locale.ROOT, "corrupt at byte %d (%s) and no sync marker after it", at,
                        problem));
            }
            int limit = end - SYNC.length;
            for (int p = start; p <= limit; p++) {
                if (matchesSync(p) && p - start >= MESSAGE_HEADER && buffer[p - 1] == 'S') {
                    long resumed = offsetOfStart + (p - MESSAGE_HEADER - start);
                    damage.add(String.format(Locale.ROOT, "corrupt at byte %d (%s): %d bytes skipped up to the sync "
                            + "marker at byte %d", at, problem, resumed - at, resumed));
                    advance(p - MESSAGE_HEADER - start);
                    return true;
                }
            }
            advance(Math.max(1, limit - start - MESSAGE_HEADER));
            if (eof && end - start < SYNC.length + MESSAGE_HEADER) {
                return stop(String.format(Locale.ROOT, "corrupt at byte %d (%s) and no sync marker after it", at,
                        problem));
            }
        }
    }

    private boolean matchesSync(int p) {
        for (int i = 0; i < SYNC.length; i++) {
            if (buffer[p + i] != SYNC[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean stop(String note) {
        stopNote = note;
        start = end;
        eof = true;
        return false;
    }

    private void readFlagBits(int body, int size) throws UlogFormatException {
        if (size < 40) {
            throw new UlogFormatException(source + ": flag-bits message at byte " + offsetOfStart + ": expected "
                    + "at least 40 bytes, found " + size);
        }
        int incompat0 = buffer[body + 8] & 0xFF;
        if ((incompat0 & ~INCOMPAT_DATA_APPENDED) != 0) {
            throw new UlogFormatException(source + ": incompat_flags[0] = 0x" + hex((byte) incompat0)
                    + " at byte " + (offsetOfStart + 3 + 8) + ": only bit 0 (data appended) is known; a log with "
                    + "other incompatible flags cannot be read correctly");
        }
        for (int i = 1; i < 8; i++) {
            if (buffer[body + 8 + i] != 0) {
                throw new UlogFormatException(source + ": incompat_flags[" + i + "] = 0x"
                        + hex(buffer[body + 8 + i]) + ": expected 0 (no incompatible flag there is known)");
            }
        }
        if ((incompat0 & INCOMPAT_DATA_APPENDED) != 0) {
            for (int i = 0; i < 3; i++) {
                appendedOffsets[i] = i64(body + 16 + 8 * i);
            }
        }
    }

    private void readFormat(int body, int size) throws UlogFormatException {
        String text = new String(buffer, body, size, StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UlogFormatException(source + ": format message at byte " + offsetOfStart + ": expected "
                    + "'name:type field;...', found '" + abbreviate(text) + "'");
        }
        formats.put(text.substring(0, colon), text.substring(colon + 1));
    }

    private void readInfo(int body, int size, boolean parameter) {
        if (size < 1) {
            return;
        }
        int keyLength = buffer[body] & 0xFF;
        if (keyLength + 1 > size) {
            return;
        }
        String key = new String(buffer, body + 1, keyLength, StandardCharsets.US_ASCII);
        int space = key.indexOf(' ');
        if (space < 0) {
            return;
        }
        String type = key.substring(0, space);
        String name = key.substring(space + 1);
        int valueAt = body + 1 + keyLength;
        int valueSize = size - 1 - keyLength;
        if (parameter) {
            if (type.equals("float") && valueSize >= 4) {
                parameters.put(name, (double) Float.intBitsToFloat(i32(valueAt)));
            } else if (type.equals("int32_t") && valueSize >= 4) {
                parameters.put(name, (double) i32(valueAt));
            }
        } else if (type.startsWith("char[")) {
            info.put(name, new String(buffer, valueAt, valueSize, StandardCharsets.UTF_8));
        } else if (type.equals("uint32_t") && valueSize >= 4) {
            info.put(name, Long.toString(i32(valueAt) & 0xFFFF_FFFFL));
        } else if (type.equals("int32_t") && valueSize >= 4) {
            info.put(name, Integer.toString(i32(valueAt)));
        } else if (type.equals("uint64_t") && valueSize >= 8) {
            info.put(name, Long.toUnsignedString(i64(valueAt)));
        }
    }

    private String subscribe(int body, int size) throws UlogFormatException {
        if (size < 4) {
            return "a subscription of " + size + " bytes (expected multi_id, msg_id and a name)";
        }
        int multiId = buffer[body] & 0xFF;
        int msgId = u16(body + 1);
        String name = new String(buffer, body + 3, size - 3, StandardCharsets.US_ASCII);
        if (!formats.containsKey(name)) {
            return "a subscription to '" + abbreviate(name) + "', which no format defines";
        }
        List<UlogField> fields = layout(name, 0);
        Map<String, UlogField> byName = new HashMap<>();
        for (UlogField f : fields) {
            byName.put(f.name(), f);
        }
        UlogTopic topic = new UlogTopic(msgId, name, multiId, List.copyOf(fields), byName, sizes.get(name));
        topics.put(msgId, topic);
        subscriptions.add(topic);
        return null;
    }

    /** Flattened fields of format {@code name}, computed once. */
    private List<UlogField> layout(String name, int depth) throws UlogFormatException {
        List<UlogField> known = layouts.get(name);
        if (known != null) {
            return known;
        }
        if (depth > 16) {
            throw new UlogFormatException(source + ": format '" + name + "' nests more than 16 levels deep "
                    + "(a cycle in the formats?)");
        }
        String definition = formats.get(name);
        if (definition == null) {
            throw new UlogFormatException(source + ": format '" + name + "' is used as a field type but never "
                    + "defined");
        }
        List<UlogField> fields = new ArrayList<>();
        int offset = 0;
        for (String part : definition.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int space = part.indexOf(' ');
            if (space <= 0) {
                throw new UlogFormatException(source + ": format '" + name + "': field '" + abbreviate(part)
                        + "': expected 'type name'");
            }
            String type = part.substring(0, space).trim();
            String fieldName = part.substring(space + 1).trim();
            int count = 1;
            int bracket = type.indexOf('[');
            if (bracket >= 0) {
                try {
                    count = Integer.parseInt(type.substring(bracket + 1, type.indexOf(']', bracket)));
                } catch (RuntimeException e) {
                    throw new UlogFormatException(source + ": format '" + name + "': field '" + fieldName
                            + "': expected an array size in '" + type + "'");
                }
                type = type.substring(0, bracket);
            }
            int basic = UlogField.sizeOf(type);
            if (basic > 0) {
                if (!fieldName.startsWith("_padding")) {
                    fields.add(new UlogField(fieldName, type, offset, count));
                }
                offset += basic * count;
            } else {
                List<UlogField> nested = layout(type, depth + 1);
                int nestedSize = sizes.get(type);
                for (int i = 0; i < count; i++) {
                    String prefix = count == 1 ? fieldName + "." : fieldName + "[" + i + "].";
                    for (UlogField f : nested) {
                        fields.add(new UlogField(prefix + f.name(), f.type(), offset + f.offset(), f.count()));
                    }
                    offset += nestedSize;
                }
            }
        }
        layouts.put(name, fields);
        sizes.put(name, offset);
        return fields;
    }

    private void fill(int needed) throws IOException {
        if (eof || end - start >= needed) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end - start < needed && end < buffer.length) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
        }
    }

    private void skipTo(long offset) throws IOException {
        while (offsetOfStart < offset) {
            fill(1);
            if (end == start) {
                return;
            }
            int step = (int) Math.min(end - start, offset - offsetOfStart);
            advance(step);
        }
    }

    private void advance(int n) {
        start += n;
        offsetOfStart += n;
    }

    private int u16(int p) {
        return (buffer[p] & 0xFF) | (buffer[p + 1] & 0xFF) << 8;
    }

    private int i32(int p) {
        return (buffer[p] & 0xFF) | (buffer[p + 1] & 0xFF) << 8 | (buffer[p + 2] & 0xFF) << 16
                | (buffer[p + 3] & 0xFF) << 24;
    }

    private long i64(int p) {
        return (i32(p) & 0xFFFF_FFFFL) | (long) i32(p + 4) << 32;
    }

    private static String hex(byte b) {
        return String.format(Locale.ROOT, "%02x", b & 0xFF);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The header's version byte. */
    public int version() {
        return version;
    }

    /** The header's start time, µs. */
    public long startTimeUs() {
        return startTimeUs;
    }

    /** Subscriptions seen so far, in file order. */
    public List<UlogTopic> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Info messages seen so far (string and integer values). */
    public Map<String, String> info() {
        return Map.copyOf(info);
    }

    /** Parameters seen so far (float and int32). */
    public Map<String, Double> parameters() {
        return Map.copyOf(parameters);
    }

    /** Whether the log flags appended data. */
    public boolean hasAppendedData() {
        return appendedOffsets[0] != 0;
    }

    /** Data messages returned so far. */
    public long dataMessages() {
        return dataMessages;
    }

    /** Log strings, sync markers, dropouts (count and total ms). */
    public String extras() {
        return logStrings + " log strings, " + syncMarkers + " sync markers, " + dropouts + " dropouts ("
                + dropoutMs + " ms)";
    }

    /** Damage read past (corruption resynced, appended-data cuts). */
    public List<String> damage() {
        return List.copyOf(damage);
    }

    /** Why reading stopped before a clean end, or null. */
    public String stopNote() {
        return stopNote;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
