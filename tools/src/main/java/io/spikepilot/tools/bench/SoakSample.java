package io.spikepilot.tools.bench;

import java.util.Locale;

/**
 * One row of the soak's CSV: the loop's counters, its thread's allocation, the heap and the collections so far.
 *
 * @param timeS               seconds since the soak started
 * @param mode                the supervisor's mode
 * @param ticks               ticks run so far
 * @param missedTicks         periods skipped so far
 * @param loopAllocatedBytes  bytes the loop thread has allocated since it started
 * @param heapUsedBytes       heap in use
 * @param heapCommittedBytes  heap committed
 * @param gcCount             collections so far (all collectors)
 * @param gcPauseMs           time spent in stop-the-world collections so far, ms
 * @param latenessP50Us       wake-up lateness of the ticks since the previous row, median, µs
 * @param latenessP99Us       the same, 99th percentile, µs
 * @param latenessMaxUs       the same, maximum, µs
 */
public record SoakSample(double timeS, String mode, long ticks, long missedTicks, long loopAllocatedBytes,
                         long heapUsedBytes, long heapCommittedBytes, long gcCount, long gcPauseMs,
                         double latenessP50Us, double latenessP99Us, double latenessMaxUs) {
    /** The CSV header matching {@link #csvRow()}. */
    public static final String CSV_HEADER = "time_s,mode,ticks,missed_ticks,loop_allocated_bytes,heap_used_bytes,"
            + "heap_committed_bytes,gc_count,gc_pause_ms,lateness_p50_us,lateness_p99_us,lateness_max_us";

    /** This sample as a CSV row (no line end). */
    public String csvRow() {
        return String.format(Locale.ROOT, "%.3f,%s,%d,%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f", timeS, mode, ticks,
                missedTicks, loopAllocatedBytes, heapUsedBytes, heapCommittedBytes, gcCount, gcPauseMs, latenessP50Us,
                latenessP99Us, latenessMaxUs);
    }
}
