package io.spikepilot.tools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over numbers by their bits (floats as IEEE 754 bits, integers as two's complement, little-endian), so two
 * computers that computed the same bits print the same digest and a single differing bit anywhere changes it.
 */
final class BitDigest {
    private final MessageDigest sha256;
    private final ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long values;

    BitDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    void addInt(int v) {
        buffer.clear();
        sha256.update(buffer.putInt(v).array(), 0, 4);
        values++;
    }

    void addLong(long v) {
        buffer.clear();
        sha256.update(buffer.putLong(v).array(), 0, 8);
        values++;
    }

    void addFloat(float v) {
        addInt(Float.floatToRawIntBits(v));
    }

    void addBytes(byte[] bytes) {
        sha256.update(bytes);
        values += bytes.length;
    }

    /** Numbers (or bytes) added so far. */
    long values() {
        return values;
    }

    /** {@code sha256:<hex>} of everything added; ends this digest. */
    String finish() {
        StringBuilder hex = new StringBuilder("sha256:");
        for (byte b : sha256.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
