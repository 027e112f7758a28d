package io.spikepilot.bridge.codec;

/**
 * CRC-16/MCRF4XX (the X.25 variant MAVLink uses): polynomial 0x1021 reflected, initial 0xFFFF, no final xor.
 *
 * <p>The CRC is most of the cost of framing a message, and the bitwise formula is a chain of six dependent operations
 * per byte. Buffers are therefore folded four bytes at a time ("slicing by 4"): because the CRC is linear, the 16-bit
 * register after four bytes is the xor of four independent table lookups, one per byte, where {@code TABLES[k][i]}
 * is the register after byte {@code i} followed by {@code k} zero bytes, starting from 0. The register's two bytes
 * are xored into the first two data bytes.
 */
public final class MavlinkCrc {
    /** The value to start an accumulation from. */
    public static final int INITIAL = 0xFFFF;

    private static final char[] TABLE = new char[256];
    private static final char[] TABLE1 = new char[256];
    private static final char[] TABLE2 = new char[256];
    private static final char[] TABLE3 = new char[256];

    static {
        for (int b = 0; b < 256; b++) {
            TABLE[b] = (char) bitwise(b, 0);
        }
        for (int b = 0; b < 256; b++) {
            TABLE1[b] = (char) ((TABLE[b] >>> 8) ^ TABLE[TABLE[b] & 0xFF]);
            TABLE2[b] = (char) ((TABLE1[b] >>> 8) ^ TABLE[TABLE1[b] & 0xFF]);
            TABLE3[b] = (char) ((TABLE2[b] >>> 8) ^ TABLE[TABLE2[b] & 0xFF]);
        }
    }

    private MavlinkCrc() {
    }

    /** The reference formula (MAVLink's crc_accumulate), used to build the table and by tests. */
    static int bitwise(int data, int crc) {
        int tmp = (data ^ crc) & 0xFF;
        tmp = (tmp ^ (tmp << 4)) & 0xFF;
        return ((crc >>> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >>> 4)) & 0xFFFF;
    }

    /** Folds one byte into {@code crc}. */
    public static int accumulate(int data, int crc) {
        // the bitwise formula's result is linear in (data ^ crc) & 0xFF, plus crc >>> 8 shifted in
        return (crc >>> 8) ^ TABLE[(data ^ crc) & 0xFF];
    }

    /** Folds {@code length} bytes of {@code buffer} starting at {@code offset} into {@code crc}. */
    public static int accumulate(byte[] buffer, int offset, int length, int crc) {
        int c = crc;
        int i = offset;
        int end = offset + length;
        for (; i + 3 < end; i += 4) {
            c = TABLE3[(buffer[i] ^ c) & 0xFF] ^ TABLE2[(buffer[i + 1] ^ (c >>> 8)) & 0xFF]
                    ^ TABLE1[buffer[i + 2] & 0xFF] ^ TABLE[buffer[i + 3] & 0xFF];
        }
        for (; i < end; i++) {
            c = accumulate(buffer[i], c);
        }
        return c;
    }
}
