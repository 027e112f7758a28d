package io.spikepilot.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onATerminalRedrawsInPlaceWithCountsElapsedAndEta() {
        ProgressBar bar = new ProgressBar(out, "bc", 10, 0L, true);
        bar.update(5, "loss 0.1", 2_000_000_000L);
        bar.update(5, "loss 0.1", 2_000_000_000L);
        assertEquals("\rbc [###############...............] 5/10 loss 0.1 elapsed 2s eta 2s",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void elsewhereWritesPlainLinesAtMostOncePerIntervalAndTheLastStateAtTheEnd() {
        ProgressBar bar = new ProgressBar(out, "bc", 10, 0L, false);
        long s = 1_000_000_000L;
        bar.update(1, "", 10 * s);   // before the first interval: held back
        bar.update(2, "", 30 * s);   // 30 s after the start: printed
        bar.update(3, "", 40 * s);   // 10 s later: held back
        bar.update(4, "", 50 * s);   // held back, replaces the one before
        bar.endLine();               // no open line to end: nothing
        bar.finish();                // the last state held back
        assertEquals("bc [######........................] 2/10  elapsed 30s eta 120s\n"
                        + "bc [############..................] 4/10  elapsed 50s eta 75s\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void elsewhereTheCompletedStateIsPrintedAtOnce() {
        ProgressBar bar = new ProgressBar(out, "bc", 2, 0L, false);
        bar.update(2, "", 1_000_000_000L);
        bar.finish();
        assertEquals("bc [##############################] 2/2  elapsed 1s eta 0s\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
