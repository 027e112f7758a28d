package io.spikepilot.bridge.codec;

/** Appends a MAVLink 2 signature to an encoded frame. Implementations must not allocate. */
public interface FrameSigner {
    /**
     * Writes the 13 signature bytes at {@code frame[unsignedLength]}. The header's signed flag is already set and the
     * checksum already written.
     */
    void sign(byte[] frame, int unsignedLength);
}
