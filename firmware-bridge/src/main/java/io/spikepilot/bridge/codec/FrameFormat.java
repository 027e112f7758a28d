package io.spikepilot.bridge.codec;

import static io.spikepilot.bridge.codec.MavlinkProtocol.CHECKSUM;
import static io.spikepilot.bridge.codec.MavlinkProtocol.HEADER_V1;
import static io.spikepilot.bridge.codec.MavlinkProtocol.HEADER_V2;
import static io.spikepilot.bridge.codec.MavlinkProtocol.IFLAG_SIGNED;
import static io.spikepilot.bridge.codec.MavlinkProtocol.SIGNATURE;
import static io.spikepilot.bridge.codec.MavlinkProtocol.STX_V1;
import static io.spikepilot.bridge.codec.MavlinkProtocol.STX_V2;

/** Reading frame headers and checking CRCs in place, shared by the stream reader and the log reader. */
public final class FrameFormat {
    /** {@link #frameLength} result: the header is not complete yet. */
    public static final int NEED_MORE = 0;
    /** {@link #frameLength} result: no frame can start here. */
    public static final int IMPOSSIBLE = -1;

    private FrameFormat() {
    }

    public static boolean isStart(int b) {
        int v = b & 0xFF;
        return v == STX_V1 || v == STX_V2;
    }

    /**
     * Length of the frame starting at {@code at}, given {@code available} bytes from there; {@link #NEED_MORE} or
     * {@link #IMPOSSIBLE} (no start byte, or MAVLink 2 incompatibility flags this implementation does not know).
     */
    public static int frameLength(byte[] buffer, int at, int available) {
        if (available < 1) {
            return NEED_MORE;
        }
        int stx = buffer[at] & 0xFF;
        if (stx == STX_V2) {
            if (available < 3) {
                return NEED_MORE;
            }
            int incompat = buffer[at + 2] & 0xFF;
            if ((incompat & ~IFLAG_SIGNED) != 0) {
                return IMPOSSIBLE;
            }
            return HEADER_V2 + (buffer[at + 1] & 0xFF) + CHECKSUM + ((incompat & IFLAG_SIGNED) != 0 ? SIGNATURE : 0);
        }
        if (stx == STX_V1) {
            return available < 2 ? NEED_MORE : HEADER_V1 + (buffer[at + 1] & 0xFF) + CHECKSUM;
        }
        return IMPOSSIBLE;
    }

    /** Message id of the frame at {@code at} (its header must be complete). */
    public static int messageId(byte[] buffer, int at) {
        if ((buffer[at] & 0xFF) == STX_V2) {
            return (buffer[at + 7] & 0xFF) | (buffer[at + 8] & 0xFF) << 8 | (buffer[at + 9] & 0xFF) << 16;
        }
        return buffer[at + 5] & 0xFF;
    }

    /** True when the complete frame at {@code at} carries the right checksum for {@code crcExtra}. */
    public static boolean crcMatches(byte[] buffer, int at, int crcExtra) {
        int header = (buffer[at] & 0xFF) == STX_V2 ? HEADER_V2 : HEADER_V1;
        int payload = buffer[at + 1] & 0xFF;
        int crc = MavlinkCrc.accumulate(buffer, at + 1, header - 1 + payload, MavlinkCrc.INITIAL);
        crc = MavlinkCrc.accumulate(crcExtra, crc);
        int checksumAt = at + header + payload;
        int received = (buffer[checksumAt] & 0xFF) | (buffer[checksumAt + 1] & 0xFF) << 8;
        return crc == received;
    }
}
