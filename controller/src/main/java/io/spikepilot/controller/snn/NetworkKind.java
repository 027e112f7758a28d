package io.spikepilot.controller.snn;

/** Which runtime a policy file is for. Stored in metadata under {@code network_kind}. */
public enum NetworkKind {
    /** float32 weights for {@link io.spikepilot.controller.snn.FloatSnn}: training exports, imports. */
    FLOAT_SNN("float-snn"),
    /** integer tensors and scales for {@link io.spikepilot.controller.snn.FixedPointSnn}: what flies. */
    FIXED_SNN("fixed-snn");

    private final String id;

    NetworkKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static NetworkKind fromId(String id) {
        for (NetworkKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
