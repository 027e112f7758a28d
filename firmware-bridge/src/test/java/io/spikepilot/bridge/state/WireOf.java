package io.spikepilot.bridge.state;

import io.spikepilot.bridge.codec.DronefleetWire;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.LittleEndian;
import io.spikepilot.bridge.codec.LocalPositionNedMessage;

import java.util.Arrays;

/** Frames for state tests: dronefleet as the independent encoder, and a cache of consistent position frames. */
final class WireOf {
    private static byte[][] cache = new byte[0][];

    private WireOf() {
    }

    static byte[] dronefleet(int systemId, int componentId, Object payload) {
        return DronefleetWire.send2(systemId, componentId, payload);
    }

    /** LOCAL_POSITION_NED with x = y = vx = k (so NWU: x = k, y = -k, vx = k). */
    static void prepareCache(int count) {
        FrameEncoder encoder = new FrameEncoder(1, 1);
        cache = new byte[count + 1][];
        for (int k = 1; k <= count; k++) {
            byte[] p = encoder.payload();
            Arrays.fill(p, 0, LocalPositionNedMessage.LENGTH, (byte) 0);
            LittleEndian.putF32(p, 4, k);
            LittleEndian.putF32(p, 8, k);
            LittleEndian.putF32(p, 16, k);
            int length = encoder.encodeV2(LocalPositionNedMessage.ID, LocalPositionNedMessage.CRC_EXTRA,
                    LocalPositionNedMessage.LENGTH);
            cache[k] = Arrays.copyOf(encoder.frame(), length);
        }
    }

    static byte[] cached(int k) {
        return cache[k];
    }

}
