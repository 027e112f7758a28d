package io.spikepilot.bridge.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Builds frames with the flyweight encoder for reader tests. */
final class TestFrames {
    private TestFrames() {
    }

    static byte[] localPosition(FrameEncoder encoder, long timeMs, float x) {
        byte[] p = encoder.payload();
        LittleEndian.putI32(p, 0, (int) timeMs);
        for (int i = 0; i < 6; i++) {
            LittleEndian.putF32(p, 4 + 4 * i, x + i);
        }
        int length = encoder.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                LocalPositionNedMessage.LENGTH);
        return Arrays.copyOf(encoder.frame(), length);
    }

    static byte[] heartbeatV1(FrameEncoder encoder) {
        HeartbeatMessage.write(encoder.payload(), 2, 12, 0, 0, 4, 3);
        return Arrays.copyOf(encoder.frame(), encoder.encodeV1(0, HeartbeatMessage.CRC_EXTRA, HeartbeatMessage.LENGTH));
    }

    /** A CRC-valid MAVLink 2 frame of a message id no dialect defines (crc extra chosen arbitrarily). */
    static byte[] unknown(FrameEncoder encoder, int messageId, int payloadLength) {
        for (int i = 0; i < payloadLength; i++) {
            encoder.payload()[i] = (byte) (i + 1);
        }
        return Arrays.copyOf(encoder.frame(), encoder.encodeV2(messageId, 77, payloadLength));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
