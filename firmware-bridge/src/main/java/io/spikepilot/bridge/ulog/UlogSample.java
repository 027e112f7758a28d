package io.spikepilot.bridge.ulog;

/**
 * One data message, as a reusable view over the reader's buffer: valid until the next {@link UlogReader#next}. A
 * field beyond the bytes the message carries (PX4 leaves trailing padding out) reads as NaN / 0.
 */
public final class UlogSample {
    UlogTopic topic;
    byte[] data;
    int start;
    int length;
    long fileOffset;

    /** The topic this sample belongs to. */
    public UlogTopic topic() {
        return topic;
    }

    /** Byte offset of the message in the file. */
    public long fileOffset() {
        return fileOffset;
    }

    /** The {@code timestamp} field, µs since boot, or -1 when the topic has none. */
    public long timestampUs() {
        UlogField f = topic.field("timestamp");
        return f == null ? -1 : asLong(f, 0);
    }

    /** Element {@code index} of {@code field} as a double; NaN when the message is too short to hold it. */
    public double value(UlogField field, int index) {
        int at = field.offset() + index * UlogField.sizeOf(field.type());
        int size = UlogField.sizeOf(field.type());
        if (index < 0 || index >= field.count() || at + size > length) {
            return Double.NaN;
        }
        int p = start + at;
        switch (field.type()) {
            case "float":
                return Float.intBitsToFloat(i32(p));
            case "double":
                return Double.longBitsToDouble(i64(p));
            case "uint64_t":
                long u = i64(p);
                return u >= 0 ? (double) u : (double) (u >>> 1) * 2.0 + (u & 1);
            default:
                return asLong(field, index);
        }
    }

    /** Element {@code index} of an integer or bool field; 0 when the message is too short. */
    public long asLong(UlogField field, int index) {
        int size = UlogField.sizeOf(field.type());
        int at = field.offset() + index * size;
        if (index < 0 || index >= field.count() || at + size > length) {
            return 0;
        }
        int p = start + at;
        switch (field.type()) {
            case "int8_t":
                return data[p];
            case "uint8_t": case "bool": case "char":
                return data[p] & 0xFF;
            case "int16_t":
                return (short) ((data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8);
            case "uint16_t":
                return (data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8;
            case "int32_t":
                return i32(p);
            case "uint32_t":
                return i32(p) & 0xFFFF_FFFFL;
            case "int64_t": case "uint64_t":
                return i64(p);
            case "float":
                return (long) Float.intBitsToFloat(i32(p));
            case "double":
                return (long) Double.longBitsToDouble(i64(p));
            default:
                return 0;
        }
    }

    /** The value of {@code name}[{@code index}], NaN when the topic has no such field. */
    public double value(String name, int index) {
        UlogField f = topic.field(name);
        return f == null ? Double.NaN : value(f, index);
    }

    private int i32(int p) {
        return (data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8 | (data[p + 2] & 0xFF) << 16 | (data[p + 3] & 0xFF) << 24;
    }

    private long i64(int p) {
        return (i32(p) & 0xFFFF_FFFFL) | (long) i32(p + 4) << 32;
    }
}
