package io.spikepilot.tools.doctor;

/** How one check came out, in order of gravity. */
public enum Verdict {
    /** Not applicable to this setup (e.g. no serial device on a UDP link); counts as a pass. */
    SKIP,
    PASS,
    /** Flyable, but something costs timing margin or will bite later. */
    WARN,
    /** {@code fly} would refuse, or the loop would not keep its period: fix it before flying. */
    FAIL;

    /** The graver of the two. */
    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
