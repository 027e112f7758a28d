package io.spikepilot.bridge.state;

import io.dronefleet.mavlink.common.LocalPositionNed;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.MessageCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkHealthTest {
    private final LinkHealth health = new LinkHealth();
    private final FrameReader reader = new FrameReader(MessageCatalog.standard(), health::onFrame);

    @Test
    void measuresAMessageRateOverOneSecondWindows() {
        byte[] frame = WireOf.dronefleet(1, 1, LocalPositionNed.builder().build());
        for (int i = 0; i <= 50; i++) {
            reader.accept(frame, 0, frame.length, i * 20_000_000L);
        }
        assertEquals(50f, health.rateHz(32), 1e-3f);
        assertEquals(0f, health.rateHz(31));
        assertEquals(1, health.rateWindows());
    }

    @Test
    void aSilentLinkDropsToZeroRateWhenUpdated() {
        byte[] frame = WireOf.dronefleet(1, 1, LocalPositionNed.builder().build());
        for (int i = 0; i <= 50; i++) {
            reader.accept(frame, 0, frame.length, i * 20_000_000L);
        }
        // The frame at 1.0 s opened the second window; it closes at 2.5 s with one frame in 1.5 s.
        health.update(reader, 2_500_000_000L);
        assertEquals(1f / 1.5f, health.rateHz(32), 1e-6f);
        health.update(reader, 3_500_000_000L);
        assertEquals(0f, health.rateHz(32));
    }

    @Test
    void aRateWithNoWindowClosedForTwoSecondsIsStale() {
        byte[] frame = WireOf.dronefleet(1, 1, LocalPositionNed.builder().build());
        for (int i = 0; i <= 50; i++) {
            reader.accept(frame, 0, frame.length, i * 20_000_000L);
        }
        assertEquals(50f, health.rateHz(32, 2_900_000_000L), 1e-3f);
        assertEquals(0f, health.rateHz(32, 3_100_000_000L));
    }

    @Test
    void publishesTheReaderCountersAndTheSilence() {
        byte[] garbage = {1, 2, 3};
        reader.accept(garbage, 0, 3, 1_000);
        health.update(reader, 5_000);
        assertEquals(3, health.badBytes());
        assertEquals(3, health.bytesIn());
        assertEquals(4_000, health.timeSinceLastByteNs(5_000));
        assertEquals(Long.MAX_VALUE, health.timeSinceLastFrameNs(5_000));
    }
}
