package io.spikepilot.training.schedule;

/** The same slope throughout (paper Fig. 2 uses k ∈ {2, 50, 100}). */
public final class FixedSlope implements SlopeSchedule {
    private final float slope;

    public FixedSlope(float slope) {
        if (!(slope > 0f) || Float.isInfinite(slope)) {
            throw new IllegalArgumentException("fixed slope must be finite and > 0, found " + slope);
        }
        this.slope = slope;
    }

    @Override
    public float slope() {
        return slope;
    }

    @Override
    public String describe() {
        return "fixed(" + slope + ")";
    }
}
