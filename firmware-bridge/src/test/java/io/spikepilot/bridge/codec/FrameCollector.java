package io.spikepilot.bridge.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test listener keeping a copy of every frame's bytes and the last frame view. */
final class FrameCollector implements FrameListener {
    final List<byte[]> frames = new ArrayList<>();
    final MavlinkFrame last = new MavlinkFrame();

    @Override
    public void onFrame(MavlinkFrame frame, long receivedNs) {
        frames.add(Arrays.copyOf(frame.rawBytes(), frame.frameLength()));
        last.copyFrom(frame);
    }

    static MavlinkFrame decodeSingle(byte[] bytes) {
        FrameCollector collector = new FrameCollector();
        FrameReader reader = new FrameReader(MessageCatalog.standard(), collector);
        reader.accept(bytes, 0, bytes.length, 0);
        reader.endOfInput(0);
        if (collector.frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + collector.frames.size()
                    + " (crc failures " + reader.crcFailures() + ", bad bytes " + reader.badBytes() + ")");
        }
        return collector.last;
    }
}
