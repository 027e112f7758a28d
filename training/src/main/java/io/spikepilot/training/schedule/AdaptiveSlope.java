package io.spikepilot.training.schedule;

/**
 * Paper eq. 6: the slope follows the test return, k_t = clamp(mean_{i<10}(0.5·r_{t−i} + 0.5·r'_{t−i}), 1, 100),
 * with r′ the difference between successive evaluations (0 at the first). Updated after every evaluation; before the
 * first one k = k₀ (the paper starts at 2). The {@link AdaptiveMapping} chooses units and form.
 */
public final class AdaptiveSlope implements SlopeSchedule {
    /** Evaluations in the moving average of eq. 6. */
    public static final int WINDOW = 10;

    private final AdaptiveMapping mapping;
    private final float initialSlope;
    private final double referenceReturn;
    private final double[] levels = new double[WINDOW];
    private final double[] differences = new double[WINDOW];
    private int evaluations;
    private double previous;
    private float slope;

    public AdaptiveSlope(AdaptiveMapping mapping, float initialSlope, double referenceReturn) {
        if (!(initialSlope > 0f) || !(referenceReturn > 0)) {
            throw new IllegalArgumentException("adaptive slope: need k₀ > 0 and reference return > 0, found "
                    + initialSlope + ", " + referenceReturn);
        }
        this.mapping = mapping;
        this.initialSlope = initialSlope;
        this.referenceReturn = referenceReturn;
        this.slope = initialSlope;
    }

    /** The recommended default: normalised eq. 6, k₀ = 2, returns normalised by 400 (the paper's code). */
    public static AdaptiveSlope paperDefault() {
        return new AdaptiveSlope(AdaptiveMapping.NORMALISED, 2f, 400);
    }

    @Override
    public void evaluated(double testReturn) {
        if (!Double.isFinite(testReturn)) {
            return;
        }
        double r = mapping == AdaptiveMapping.LITERAL
                ? testReturn
                : Math.max(0, Math.min(1, testReturn / referenceReturn));
        double difference = evaluations == 0 ? 0 : r - previous;
        previous = r;
        levels[evaluations % WINDOW] = r;
        differences[evaluations % WINDOW] = difference;
        evaluations++;
        int n = Math.min(evaluations, WINDOW);
        double meanLevel = 0;
        double meanDifference = 0;
        for (int i = 0; i < n; i++) {
            meanLevel += levels[i] / n;
            meanDifference += differences[i] / n;
        }
        double k;
        switch (mapping) {
            case LITERAL:
                k = 0.5 * meanLevel + 0.5 * meanDifference;
                break;
            case NORMALISED:
                k = MAX_SLOPE * (0.5 * meanLevel + 0.5 * meanDifference);
                break;
            case CUBIC:
                k = initialSlope + MAX_SLOPE * r * r * r;
                break;
            case FIRST_ORDER:
                double d = Math.tanh(meanDifference);
                k = d > 0.3 ? slope : slope + MAX_SLOPE * d;
                break;
            default:
                throw new IllegalStateException("unknown mapping " + mapping);
        }
        slope = (float) Math.max(MIN_SLOPE, Math.min(MAX_SLOPE, k));
    }

    @Override
    public float slope() {
        return slope;
    }

    public AdaptiveMapping mapping() {
        return mapping;
    }

    @Override
    public String describe() {
        return "adaptive(" + mapping.name().toLowerCase(java.util.Locale.ROOT) + ", k0=" + initialSlope
                + ", reference return=" + referenceReturn + ")";
    }
}
