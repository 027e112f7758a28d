package io.spikepilot.bridge.codec;

/** CRC-16/MCRF4XX (the X.25 variant MAVLink uses): polynomial 0x1021 reflected, initial 0xFFFF, no final xor. */
public final class MavlinkCrc {
    /** The value to start an accumulation from. */
    public static final int INITIAL = 0xFFFF;

    private MavlinkCrc() {
    }

    /** Folds one byte into {@code crc}. */
    public static int accumulate(int data, int crc) {
        int tmp = (data ^ crc) & 0xFF;
        tmp = (tmp ^ (tmp << 4)) & 0xFF;
        return ((crc >>> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >>> 4)) & 0xFFFF;
    }

    /** Folds {@code length} bytes of {@code buffer} starting at {@code offset} into {@code crc}. */
    public static int accumulate(byte[] buffer, int offset, int length, int crc) {
        int c = crc;
        for (int i = offset, end = offset + length; i < end; i++) {
            c = accumulate(buffer[i], c);
        }
        return c;
    }
}
