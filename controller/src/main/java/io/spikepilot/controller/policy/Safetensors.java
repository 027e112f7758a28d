package io.spikepilot.controller.policy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors container: an 8-byte little-endian header length N, N bytes of UTF-8 JSON (optionally padded with
 * spaces), then the raw little-endian tensor bytes. The header maps each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} relative to the data section, plus an optional
 * {@code "__metadata__"} string→string map. The reader is strict: offsets must tile the data section exactly, in order,
 * with no gaps, overlaps or trailing bytes, and each byte range must equal shape × dtype size.
 */
public final class Safetensors {
    /** Largest header accepted (the reference implementation's limit), so a corrupt length cannot exhaust memory. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";

    private Safetensors() {
    }

    /** Element types this project reads and writes. */
    public enum DType {
        F32(4), F64(8), I8(1), I16(2), I32(4), I64(8);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    /** One tensor: row-major little-endian bytes of {@code shape} elements of {@code dtype}. */
    public record Tensor(String name, DType dtype, long[] shape, byte[] data) {
        /** Number of elements (1 for a scalar of shape {@code []}). */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        public static Tensor f32(String name, long[] shape, float[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Tensor(name, DType.F32, shape.clone(), b.array());
        }

        public static Tensor f64(String name, long[] shape, double[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(values);
            return new Tensor(name, DType.F64, shape.clone(), b.array());
        }

        /** Integer tensor of {@code dtype} I8, I16, I32 or I64; every value must fit that type. */
        public static Tensor integer(String name, DType dtype, long[] shape, int[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                switch (dtype) {
                    case I8 -> {
                        checkFits(name, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
                        b.put((byte) v);
                    }
                    case I16 -> {
                        checkFits(name, v, Short.MIN_VALUE, Short.MAX_VALUE);
                        b.putShort((short) v);
                    }
                    case I32 -> b.putInt(v);
                    case I64 -> b.putLong(v);
                    default -> throw new IllegalArgumentException("tensor '" + name
                            + "': expected an integer dtype, found " + dtype);
                }
            }
            return new Tensor(name, dtype, shape.clone(), b.array());
        }

        private static void checkFits(String name, int v, int lo, int hi) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException("tensor '" + name + "': expected values in [" + lo + ", " + hi
                        + "], found " + v);
            }
        }

        /** Values of an F32 or F64 tensor as float (F64 rounded to nearest). */
        public float[] toFloats() {
            int n = (int) elements();
            float[] out = new float[n];
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                out[i] = dtype == DType.F64 ? (float) b.getDouble() : b.getFloat();
            }
            return out;
        }

        /** Values of an I8, I16 or I32 tensor widened to int. */
        public int[] toInts() {
            int n = (int) elements();
            int[] out = new int[n];
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype) {
                    case I8 -> b.get();
                    case I16 -> b.getShort();
                    case I32 -> b.getInt();
                    default -> throw new IllegalStateException("toInts on " + dtype);
                };
            }
            return out;
        }
    }

    /** A parsed file: metadata (empty when absent) and tensors in data-offset order. */
    public record Content(Map<String, String> metadata, Map<String, Tensor> tensors) {
    }

    /** Serialises tensors (in the given order) and metadata into safetensors bytes, header padded to 8 bytes. */
    public static byte[] write(Map<String, String> metadata, List<Tensor> tensors) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA_KEY, new LinkedHashMap<String, Object>(metadata));
        long offset = 0;
        for (Tensor t : tensors) {
            if (t.data().length != t.elements() * t.dtype().bytes()) {
                throw new IllegalArgumentException("tensor '" + t.name() + "': expected "
                        + t.elements() * t.dtype().bytes() + " bytes, found " + t.data().length);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            List<Object> shape = new ArrayList<>();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + t.data().length));
            if (header.put(t.name(), entry) != null) {
                throw new IllegalArgumentException("tensor '" + t.name() + "': expected a unique name, found it twice");
            }
            offset += t.data().length;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            out.put(t.data());
        }
        return out.array();
    }

    /**
     * Parses safetensors bytes.
     *
     * @param source file name used in every error message
     * @throws PolicyFileException naming the source, the field, the expectation and what was found
     */
    public static Content read(byte[] bytes, String source) throws PolicyFileException {
        if (bytes.length < 8) {
            throw new PolicyFileException(source, "header length", "8 bytes", bytes.length + " bytes (truncated file)");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new PolicyFileException(source, "header length", "2.." + MAX_HEADER_BYTES + " bytes",
                    Long.toUnsignedString(headerLength));
        }
        if (headerLength > bytes.length - 8L) {
            throw new PolicyFileException(source, "header length", "at most " + (bytes.length - 8)
                    + " bytes (the rest of the file)", headerLength + " (truncated file)");
        }
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyFileException(source, "header", "UTF-8 text", "invalid UTF-8 (" + e + ")");
        }
        if (!headerText.startsWith("{")) {
            throw new PolicyFileException(source, "header", "a JSON object starting with '{'",
                    "'" + headerText.charAt(0) + "'");
        }
        Object parsed;
        try {
            parsed = Json.parse(headerText);
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(source, "header", "valid JSON", e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new PolicyFileException(source, "header", "a JSON object", parsed.toString());
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Object[]> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                if (!(e.getValue() instanceof Map<?, ?> meta)) {
                    throw new PolicyFileException(source, METADATA_KEY, "an object of strings", typeOf(e.getValue()));
                }
                for (Map.Entry<?, ?> m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String s)) {
                        throw new PolicyFileException(source, METADATA_KEY + "." + m.getKey(), "a string",
                                typeOf(m.getValue()));
                    }
                    metadata.put((String) m.getKey(), s);
                }
                continue;
            }
            entries.add(new Object[] {name, tensorEntry(source, name, e.getValue(), dataLength)});
        }
        entries.sort(Comparator.comparingLong(o -> ((long[]) ((Object[]) o[1])[2])[0]));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long expectedBegin = 0;
        for (Object[] e : entries) {
            String name = (String) e[0];
            Object[] spec = (Object[]) e[1];
            DType dtype = (DType) spec[0];
            long[] shape = (long[]) spec[1];
            long[] offsets = (long[]) spec[2];
            if (offsets[0] != expectedBegin) {
                throw new PolicyFileException(source, name + ".data_offsets", "begin " + expectedBegin
                        + " (tensors must tile the data section without gaps or overlaps)", "begin " + offsets[0]);
            }
            byte[] data = new byte[(int) (offsets[1] - offsets[0])];
            System.arraycopy(bytes, dataStart + (int) offsets[0], data, 0, data.length);
            tensors.put(name, new Tensor(name, dtype, shape, data));
            expectedBegin = offsets[1];
        }
        if (expectedBegin != dataLength) {
            throw new PolicyFileException(source, "data section", dataLength == 0 ? "no bytes" : expectedBegin
                    + " bytes (sum of tensor sizes)", dataLength + " bytes");
        }
        return new Content(metadata, tensors);
    }

    private static Object[] tensorEntry(String source, String name, Object value, long dataLength)
            throws PolicyFileException {
        if (!(value instanceof Map<?, ?> spec)) {
            throw new PolicyFileException(source, name, "a tensor object {dtype, shape, data_offsets}", typeOf(value));
        }
        for (Object key : spec.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new PolicyFileException(source, name, "only keys dtype, shape, data_offsets", "key '" + key + "'");
            }
        }
        if (!(spec.get("dtype") instanceof String dtypeName)) {
            throw new PolicyFileException(source, name + ".dtype", "a string", typeOf(spec.get("dtype")));
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeName);
        } catch (IllegalArgumentException ex) {
            throw new PolicyFileException(source, name + ".dtype", "one of F32, F64, I8, I16, I32, I64",
                    "'" + dtypeName + "'");
        }
        long[] shape = longList(source, name + ".shape", spec.get("shape"), -1);
        long elements = 1;
        for (long d : shape) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new PolicyFileException(source, name + ".shape", "dimensions in [0, 2^31)", Long.toString(d));
            }
            elements *= d;
            if (elements > Integer.MAX_VALUE) {
                throw new PolicyFileException(source, name + ".shape", "fewer than 2^31 elements", "more");
            }
        }
        long[] offsets = longList(source, name + ".data_offsets", spec.get("data_offsets"), 2);
        if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength) {
            throw new PolicyFileException(source, name + ".data_offsets", "0 ≤ begin ≤ end ≤ " + dataLength
                    + " (size of the data section)", "[" + offsets[0] + ", " + offsets[1] + "]");
        }
        if (offsets[1] - offsets[0] != elements * dtype.bytes()) {
            throw new PolicyFileException(source, name + ".data_offsets", (elements * dtype.bytes())
                    + " bytes (shape × " + dtype + ")", (offsets[1] - offsets[0]) + " bytes");
        }
        return new Object[] {dtype, shape, offsets};
    }

    private static long[] longList(String source, String field, Object value, int requiredLength)
            throws PolicyFileException {
        if (!(value instanceof List<?> list)) {
            throw new PolicyFileException(source, field, "an array of integers", typeOf(value));
        }
        if (requiredLength >= 0 && list.size() != requiredLength) {
            throw new PolicyFileException(source, field, requiredLength + " integers", list.size() + " values");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw new PolicyFileException(source, field, "integers", typeOf(list.get(i)) + " at index " + i);
            }
            out[i] = l;
        }
        return out;
    }

    private static String typeOf(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        return v == Json.NULL ? "null" : v.getClass().getSimpleName() + " " + v;
    }
}
