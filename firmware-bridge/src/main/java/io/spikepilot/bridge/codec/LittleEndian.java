package io.spikepilot.bridge.codec;

/** Little-endian reads and writes on byte arrays, by hand so they never allocate, even before the JIT runs. */
public final class LittleEndian {
    private LittleEndian() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    public static int i16(byte[] b, int i) {
        return (short) u16(b, i);
    }

    public static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    public static long u32(byte[] b, int i) {
        return i32(b, i) & 0xFFFF_FFFFL;
    }

    public static long i64(byte[] b, int i) {
        return u32(b, i) | (u32(b, i + 4) << 32);
    }

    public static float f32(byte[] b, int i) {
        return Float.intBitsToFloat(i32(b, i));
    }

    public static void putU8(byte[] b, int i, int v) {
        b[i] = (byte) v;
    }

    public static void putU16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    public static void putI32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    public static void putI64(byte[] b, int i, long v) {
        putI32(b, i, (int) v);
        putI32(b, i + 4, (int) (v >>> 32));
    }

    public static void putF32(byte[] b, int i, float v) {
        putI32(b, i, Float.floatToRawIntBits(v));
    }

    /** Writes the low 48 bits of {@code v}, as MAVLink's signature timestamp. */
    public static void putU48(byte[] b, int i, long v) {
        putI32(b, i, (int) v);
        putU16(b, i + 4, (int) (v >>> 32));
    }

    public static long u48(byte[] b, int i) {
        return u32(b, i) | ((long) u16(b, i + 4) << 32);
    }
}
