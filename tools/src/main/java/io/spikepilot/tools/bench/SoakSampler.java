package io.spikepilot.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Takes {@link SoakSample}s of a running loop: its counters, its thread's allocated bytes (HotSpot's per-thread
 * counter, exact and cheap), the heap, and the collections {@link GcEventLog} has seen. Runs on the sampling thread;
 * the loop only pays for the counters it keeps anyway.
 */
public final class SoakSampler {
    private final LoopGauges loop;
    private final GcEventLog gc;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Samples {@code loop} and the collections in {@code gc}. */
    public SoakSampler(LoopGauges loop, GcEventLog gc) {
        this.loop = loop;
        this.gc = gc;
    }

    /** A sample at {@code timeS} seconds into the soak. */
    public SoakSample sample(double timeS) {
        // allocation first: the reads below (the histogram copy, the event list) allocate on this thread, not the loop's
        long allocated = threads.getThreadAllocatedBytes(loop.loopThreadId());
        long ticks = loop.ticks();
        long missed = loop.missedTicks();
        String mode = loop.mode();
        Histogram late = loop.latenessInterval();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        List<GcEventLog.Event> events = gc.events();
        long pauseMs = 0;
        for (GcEventLog.Event e : events) {
            if (e.stoppedTheWorld()) {
                pauseMs += e.durationMs();
            }
        }
        boolean any = late.getTotalCount() > 0;
        return new SoakSample(timeS, mode, ticks, missed, allocated, heap.getUsed(), heap.getCommitted(),
                events.size(), pauseMs, any ? late.getValueAtPercentile(50) / 1e3 : 0,
                any ? late.getValueAtPercentile(99) / 1e3 : 0, any ? late.getMaxValue() / 1e3 : 0);
    }
}
