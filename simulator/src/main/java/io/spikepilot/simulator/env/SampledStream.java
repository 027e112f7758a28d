package io.spikepilot.simulator.env;

/**
 * One telemetry stream from autopilot to companion computer: selected state components are sampled every
 * {@code periodNs} (linearly interpolated within the physics step the sample falls into), and each sample becomes
 * visible {@code latencyNs} later; until then the previous delivered value is held. Allocation-free after
 * construction; the in-flight buffer is sized so it never overflows.
 */
final class SampledStream {
    private final int[] stateIndices;
    private final int quaternionAt;
    private final long periodNs;
    private final long latencyNs;
    private final int capacity;
    private final long[] pendingDeliverNs;
    private final double[] pendingValues;
    private final double[] delivered;
    private int head;
    private int count;
    private long nextSampleNs;

    /**
     * @param stateIndices  indices into the quadrotor state vector carried by this stream
     * @param quaternionAt  position within {@code stateIndices} where a quaternion starts (renormalised after
     *                      interpolation), or −1
     * @param periodNs      sampling period
     * @param latencyNs     delay from sampling to delivery
     * @param maxStepNs     longest physics step {@link #advance} will be called with
     */
    SampledStream(int[] stateIndices, int quaternionAt, long periodNs, long latencyNs, long maxStepNs) {
        this.stateIndices = stateIndices.clone();
        this.quaternionAt = quaternionAt;
        this.periodNs = periodNs;
        this.latencyNs = latencyNs;
        this.capacity = (int) ((latencyNs + maxStepNs) / periodNs) + 3;
        this.pendingDeliverNs = new long[capacity];
        this.pendingValues = new double[capacity * stateIndices.length];
        this.delivered = new double[stateIndices.length];
    }

    /** Delivers {@code state} as if it had always been streaming; the next sample falls at now + phase. */
    void reset(long nowNs, double[] state, long phaseNs) {
        for (int i = 0; i < stateIndices.length; i++) {
            delivered[i] = state[stateIndices[i]];
        }
        head = 0;
        count = 0;
        nextSampleNs = nowNs + phaseNs;
    }

    /**
     * Takes the samples due in (t0, t1] from the straight line between {@code before} (at t0) and {@code after}
     * (at t1), then delivers everything whose latency has elapsed by t1.
     */
    void advance(long t0Ns, double[] before, long t1Ns, double[] after) {
        int width = stateIndices.length;
        while (nextSampleNs <= t1Ns) {
            double alpha = t1Ns == t0Ns ? 1.0 : (nextSampleNs - t0Ns) / (double) (t1Ns - t0Ns);
            if (count == capacity) {
                deliverOldest();
            }
            int slot = (head + count) % capacity;
            int base = slot * width;
            for (int i = 0; i < width; i++) {
                int s = stateIndices[i];
                pendingValues[base + i] = before[s] + alpha * (after[s] - before[s]);
            }
            if (quaternionAt >= 0) {
                normalize(pendingValues, base + quaternionAt);
            }
            pendingDeliverNs[slot] = nextSampleNs + latencyNs;
            count++;
            nextSampleNs += periodNs;
        }
        while (count > 0 && pendingDeliverNs[head] <= t1Ns) {
            deliverOldest();
        }
    }

    private void deliverOldest() {
        System.arraycopy(pendingValues, head * stateIndices.length, delivered, 0, stateIndices.length);
        head = (head + 1) % capacity;
        count--;
    }

    private static void normalize(double[] v, int o) {
        double n = Math.sqrt(v[o] * v[o] + v[o + 1] * v[o + 1] + v[o + 2] * v[o + 2] + v[o + 3] * v[o + 3]);
        if (n > 1e-12) {
            v[o] /= n;
            v[o + 1] /= n;
            v[o + 2] /= n;
            v[o + 3] /= n;
        }
    }

    /** Delivered value {@code i} (in the order of the state indices). */
    double delivered(int i) {
        return delivered[i];
    }

    /** Sampling period, ns. */
    long periodNs() {
        return periodNs;
    }
}
