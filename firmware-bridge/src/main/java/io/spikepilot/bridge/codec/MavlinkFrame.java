package io.spikepilot.bridge.codec;

/**
 * One MAVLink frame, as a reusable view. The reader overwrites it for every frame, so a listener must copy what it
 * keeps before returning.
 *
 * <p>The payload is held zero-filled to {@link MavlinkProtocol#MAX_PAYLOAD} bytes: MAVLink 2 senders drop trailing
 * zero bytes, and reading past the wire length must give those zeros back. Field readers take offsets within the
 * payload.
 */
public final class MavlinkFrame {
    private final byte[] raw = new byte[MavlinkProtocol.MAX_FRAME];
    private final byte[] payload = new byte[MavlinkProtocol.MAX_PAYLOAD + 8];
    /** Payload bytes beyond this index are known to be zero. */
    private int payloadDirtyTo = payload.length;
    private int frameLength;
    private int version;
    private int payloadLength;
    private int incompatFlags;
    private int compatFlags;
    private int sequence;
    private int systemId;
    private int componentId;
    private int messageId;
    private boolean known;

    /**
     * Fills this view from a complete, already validated frame in {@code source}; {@code knownMessage} says whether
     * its CRC was checked against a known CRC_EXTRA.
     */
    public void load(byte[] source, int offset, int length, boolean knownMessage) {
        System.arraycopy(source, offset, raw, 0, length);
        frameLength = length;
        known = knownMessage;
        int headerLength;
        if ((raw[0] & 0xFF) == MavlinkProtocol.STX_V2) {
            version = 2;
            payloadLength = raw[1] & 0xFF;
            incompatFlags = raw[2] & 0xFF;
            compatFlags = raw[3] & 0xFF;
            sequence = raw[4] & 0xFF;
            systemId = raw[5] & 0xFF;
            componentId = raw[6] & 0xFF;
            messageId = (raw[7] & 0xFF) | (raw[8] & 0xFF) << 8 | (raw[9] & 0xFF) << 16;
            headerLength = MavlinkProtocol.HEADER_V2;
        } else {
            version = 1;
            payloadLength = raw[1] & 0xFF;
            incompatFlags = 0;
            compatFlags = 0;
            sequence = raw[2] & 0xFF;
            systemId = raw[3] & 0xFF;
            componentId = raw[4] & 0xFF;
            messageId = raw[5] & 0xFF;
            headerLength = MavlinkProtocol.HEADER_V1;
        }
        System.arraycopy(raw, headerLength, payload, 0, payloadLength);
        if (payloadDirtyTo > payloadLength) {
            java.util.Arrays.fill(payload, payloadLength, payloadDirtyTo, (byte) 0);
        }
        payloadDirtyTo = payloadLength;
    }

    /** Copies another view (used when a listener wants to keep a frame). */
    public void copyFrom(MavlinkFrame other) {
        load(other.raw, 0, other.frameLength, other.known);
    }

    /** 1 or 2. */
    public int version() {
        return version;
    }

    /** Payload bytes on the wire (after MAVLink 2 truncation). */
    public int payloadLength() {
        return payloadLength;
    }

    public int incompatFlags() {
        return incompatFlags;
    }

    public int compatFlags() {
        return compatFlags;
    }

    public int sequence() {
        return sequence;
    }

    public int systemId() {
        return systemId;
    }

    public int componentId() {
        return componentId;
    }

    public int messageId() {
        return messageId;
    }

    /** True when the catalog knew the message and its CRC was verified. */
    public boolean isKnown() {
        return known;
    }

    /** True for a MAVLink 2 frame carrying a 13-byte signature. */
    public boolean isSigned() {
        return (incompatFlags & MavlinkProtocol.IFLAG_SIGNED) != 0;
    }

    /** Whole frame length on the wire, header to checksum (and signature). */
    public int frameLength() {
        return frameLength;
    }

    /** The frame's bytes; valid up to {@link #frameLength()}. Do not modify. */
    public byte[] rawBytes() {
        return raw;
    }

    /** The zero-filled payload. Do not modify. */
    public byte[] payload() {
        return payload;
    }

    /** Copies the wire bytes into {@code target} at {@code offset} and returns the length. */
    public int copyRawTo(byte[] target, int offset) {
        System.arraycopy(raw, 0, target, offset, frameLength);
        return frameLength;
    }

    public int u8(int offset) {
        return LittleEndian.u8(payload, offset);
    }

    public int i8(int offset) {
        return payload[offset];
    }

    public int u16(int offset) {
        return LittleEndian.u16(payload, offset);
    }

    public int i16(int offset) {
        return LittleEndian.i16(payload, offset);
    }

    public int i32(int offset) {
        return LittleEndian.i32(payload, offset);
    }

    public long u32(int offset) {
        return LittleEndian.u32(payload, offset);
    }

    public long i64(int offset) {
        return LittleEndian.i64(payload, offset);
    }

    public float f32(int offset) {
        return LittleEndian.f32(payload, offset);
    }
}
