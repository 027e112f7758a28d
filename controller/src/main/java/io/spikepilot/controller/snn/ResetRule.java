package io.spikepilot.controller.snn;

/** How a LIF neuron's membrane is reset after a spike. Stored in policy metadata under {@code reset_rule}. */
public enum ResetRule {
    /**
     * snnTorch {@code Leaky} default ({@code reset_mechanism="subtract", reset_delay=True}), the paper's rule:
     * {@code U_t = β·U_{t−1} + I_t − [U_{t−1} > θ]·θ}. The spike of step t is subtracted at step t+1.
     */
    SUBTRACT_DELAYED("subtract-delayed"),
    /**
     * NIR {@code LIF} reset ({@code z ⇒ v = v_reset}, v_reset = 0) in the same step, as snnTorch's
     * {@code reset_mechanism="zero", reset_delay=False}: {@code U_t = β·U_{t−1} + I_t; if U_t > θ then U_t = 0}.
     */
    ZERO_IMMEDIATE("zero-immediate");

    private final String id;

    ResetRule(String id) {
        this.id = id;
    }

    /** Identifier used in policy metadata. */
    public String id() {
        return id;
    }

    /** Parses {@link #id()}; the message lists the accepted values. */
    public static ResetRule fromId(String id) {
        for (ResetRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("reset rule: expected one of [subtract-delayed, zero-immediate], found '"
                + id + "'");
    }
}
