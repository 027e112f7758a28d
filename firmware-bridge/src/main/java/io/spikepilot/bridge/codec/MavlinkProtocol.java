package io.spikepilot.bridge.codec;

/** Wire constants of MAVLink 1 and 2 framing. */
public final class MavlinkProtocol {
    /** Start byte of a MAVLink 1 frame. */
    public static final int STX_V1 = 0xFE;
    /** Start byte of a MAVLink 2 frame. */
    public static final int STX_V2 = 0xFD;
    /** MAVLink 1 header: stx, len, seq, sysid, compid, msgid. */
    public static final int HEADER_V1 = 6;
    /** MAVLink 2 header: stx, len, incompat, compat, seq, sysid, compid, msgid (3 bytes). */
    public static final int HEADER_V2 = 10;
    /** Checksum bytes after the payload. */
    public static final int CHECKSUM = 2;
    /** Signature bytes after the checksum of a signed MAVLink 2 frame: link id, 6-byte timestamp, 6-byte hash. */
    public static final int SIGNATURE = 13;
    /** Incompatibility flag: the frame is signed. */
    public static final int IFLAG_SIGNED = 0x01;
    /** Largest payload. */
    public static final int MAX_PAYLOAD = 255;
    /** Largest frame: a signed MAVLink 2 frame with a full payload. */
    public static final int MAX_FRAME = HEADER_V2 + MAX_PAYLOAD + CHECKSUM + SIGNATURE;

    private MavlinkProtocol() {
    }
}
