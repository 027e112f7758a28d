package io.spikepilot.training.schedule;

/**
 * A linear staircase from {@code start} to {@code end} in {@code steps} equal rises spread evenly over the run:
 * training is cut into steps + 1 equal spans of epochs, span s uses k = start + (end − start)·s/steps, so the last
 * span trains at {@code end}. (The paper's code jumps straight to k_max after one interval — a bug the spec flags.)
 */
public final class IntervalSlope implements SlopeSchedule {
    private final float start;
    private final float end;
    private final int steps;
    private final int totalEpochs;
    private float slope;

    public IntervalSlope(float start, float end, int steps, int totalEpochs) {
        if (!(start > 0f) || !(end > 0f) || steps < 1 || totalEpochs < 1) {
            throw new IllegalArgumentException("interval slope: need start, end > 0, steps ≥ 1, epochs ≥ 1; found "
                    + start + ", " + end + ", " + steps + ", " + totalEpochs);
        }
        this.start = start;
        this.end = end;
        this.steps = steps;
        this.totalEpochs = totalEpochs;
        this.slope = start;
    }

    @Override
    public void startEpoch(int epoch) {
        int level = (int) Math.min(steps, (long) epoch * (steps + 1) / totalEpochs);
        slope = start + (end - start) * level / steps;
    }

    @Override
    public float slope() {
        return slope;
    }

    @Override
    public String describe() {
        return "interval(" + start + "→" + end + ", " + steps + " steps over " + totalEpochs + " epochs)";
    }
}
