package io.spikepilot.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void redrawsInPlaceWithCountsElapsedAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "bc", 10, 0L);
        bar.update(5, "loss 0.1", 2_000_000_000L);
        bar.update(5, "loss 0.1", 2_000_000_000L);
        assertEquals("\rbc [###############...............] 5/10 loss 0.1 elapsed 2s eta 2s",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
