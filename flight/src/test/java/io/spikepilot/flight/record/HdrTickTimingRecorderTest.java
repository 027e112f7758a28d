package io.spikepilot.flight.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HdrTickTimingRecorderTest {
    private static final long PERIOD_NS = 4_000_000L;

    @Test
    void aStallIsChargedForEveryPeriodItSwallowed() {
        HdrTickTimingRecorder recorder = new HdrTickTimingRecorder();
        for (int i = 0; i < 99; i++) {
            recorder.record(10_000L, 20_000L, PERIOD_NS);
        }
        recorder.record(200_000_000L, 20_000L, PERIOD_NS);
        Histogram late = recorder.latenessInterval();
        // the 200 ms sample plus the 49 samples of 196, 192, ..., 4 ms the loop would have taken meanwhile
        assertEquals(99 + 50, late.getTotalCount());
        assertEquals(100, recorder.durationInterval().getTotalCount());
    }

    @Test
    void negativeAndHugeValuesAreClampedInsteadOfThrowing() {
        HdrTickTimingRecorder recorder = new HdrTickTimingRecorder();
        recorder.record(-5L, 50_000_000_000L, PERIOD_NS);
        Histogram duration = recorder.durationInterval();
        assertEquals(1, duration.getTotalCount());
        assertEquals(HdrTickTimingRecorder.HIGHEST_NS, duration.getMaxValue(), HdrTickTimingRecorder.HIGHEST_NS / 500.0);
        assertEquals(0, recorder.latenessInterval().getMaxValue());
    }

    @Test
    void theTotalSinceStartKeepsWhatPeriodicReadersTookAndTheReadsRecycleOneHistogram() {
        HdrTickTimingRecorder recorder = new HdrTickTimingRecorder();
        recorder.record(1_000L, 2_000L, PERIOD_NS);
        Histogram first = recorder.latenessInterval();
        assertEquals(1, first.getTotalCount());
        recorder.record(3_000L, 2_000L, PERIOD_NS);
        recorder.latenessInterval();
        Histogram third = recorder.latenessInterval();
        assertEquals(0, third.getTotalCount());
        // the soak's sampler reads every second: the third read hands back the first read's histogram, recycled
        assertSame(first, third);
        recorder.record(5_000L, 2_000L, PERIOD_NS);
        Histogram total = recorder.latenessSinceStart();
        assertEquals(3, total.getTotalCount());
        assertEquals(5_000L, total.getMaxValue(), 5);
    }
}
