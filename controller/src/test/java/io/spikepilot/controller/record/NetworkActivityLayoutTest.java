package io.spikepilot.controller.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkActivityLayoutTest {
    @Test
    void threeNeuronsPerLayerAreWatchedAtTheMiddlesOfItsThirds() {
        NetworkActivityLayout layout = NetworkActivityLayout.of(new int[] {128, 64});
        assertEquals("#spikepilot-activity format=1 layers=128,64 watched=0:21,0:64,0:106,1:10,1:32,1:53",
                NetworkActivityCsv.formatLine(layout));
    }

    @Test
    void aLayerNarrowerThanThreeWatchesEveryNeuronAndAWideOneRecordsItsFirst512() {
        NetworkActivityLayout layout = NetworkActivityLayout.of(new int[] {2, 1000});
        assertEquals(List.of("tick", "stepped", "spikes_layer0", "spikes_layer1", "membrane_l0_n0", "membrane_l0_n1",
                "membrane_l1_n166", "membrane_l1_n500", "membrane_l1_n833"), NetworkActivityCsv.columns(layout));
        assertEquals(512, layout.recordedWidth(1));
    }

    @Test
    void widthsOutsideWhatARecordHoldsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkActivityLayout.of(new int[] {8, 8, 8, 8, 8}));
        assertTrue(e.getMessage().contains("expected at most 4 hidden layers, found 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkActivityLayout.of(new int[] {0}));
    }

    @Test
    void aRowWritesEachLayersSpikesAsHexDigitsOfFourNeurons() {
        NetworkActivityLayout layout = NetworkActivityLayout.of(new int[] {6});
        TickRecord r = new TickRecord();
        r.tick = 7;
        r.activityRecorded = true;
        // neurons 0, 4 and 5 spiked
        r.spikeBits[0] = 0b110001L;
        r.watchedMembrane[0] = 0.5f;
        r.watchedMembrane[1] = -0.0f;
        r.watchedMembrane[2] = 3.25f;
        StringBuilder s = new StringBuilder();
        NetworkActivityCsv.appendRow(r, layout, s);
        assertEquals("7,1,13,0.5,-0.0,3.25\n", s.toString());
    }

    @Test
    void theActivityFileSitsBesideItsTrace() {
        assertEquals(Path.of("/runs/flight-1.activity.csv"),
                NetworkActivityCsv.besideTrace(Path.of("/runs/flight-1.trace.csv")));
    }
}
