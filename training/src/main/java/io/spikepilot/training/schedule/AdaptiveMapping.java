package io.spikepilot.training.schedule;

/**
 * How the adaptive schedule turns the history of evaluation returns into a slope. Each mapping sees the returns
 * normalised or raw as it documents; the result is clamped to [1, 100] by {@link AdaptiveSlope}.
 */
public enum AdaptiveMapping {
    /**
     * Paper eq. 6 on raw returns: k = mean over the last 10 evaluations of (0.5·r + 0.5·Δr). With returns of a few
     * hundred, k reaches the clamp at 100 once the mean return passes about 200.
     */
    LITERAL,
    /**
     * Eq. 6 on returns normalised to r̂ = clip(R / reference, 0, 1): k = 100·mean₁₀(0.5·r̂ + 0.5·Δr̂). The default:
     * it keeps the structure of eq. 6 (performance level plus improvement) while spreading k over the whole [1, 100]
     * range across the returns the task actually reaches, instead of saturating half-way as the literal form does.
     */
    NORMALISED,
    /** The paper code's "order 0" ("scheduling order 3"): k = k₀ + 100·r̂³ on the latest normalised return. */
    CUBIC,
    /**
     * The paper code's "order 1": with d = tanh(mean of the last ≤ 10 differences Δr̂), keep k when d > 0.3,
     * otherwise k ← k + 100·d (here clamped to [1, 100], which the code omits).
     */
    FIRST_ORDER
}
