package io.spikepilot.controller.supervisor;

/**
 * What the supervisor remembers between ticks, kept outside it so that {@link Supervisor#decide} is a function of its
 * arguments: the mode, counters and latches, and the outcome of the last decision.
 */
public final class SupervisorMemory {
    /** Mode after the last decision. */
    public FlightMode mode = FlightMode.IDLE;
    /** Mode before the last decision. */
    public FlightMode previousMode = FlightMode.IDLE;
    /** The last decision changed the mode. */
    public boolean transitioned;
    /** Reasons of the last decision. */
    public int reasons;
    /** Healthy shadow ticks of the SNN since its warm-up last restarted. */
    public int warmupTicks;
    /** Consecutive ticks the SNN and the PID agreed. */
    public int agreementTicks;
    /** Consecutive ticks with saturated policy outputs. */
    public int saturatedTicks;
    /** The operator asked for the SNN and no fault has cancelled the request since. */
    public boolean snnRequested;
    /** Policy saturation counter seen at the previous tick; −1 before the first tick. */
    public long lastSaturationEvents = -1;
    /** Last tick time at which the state was fresh and valid; meaningful when {@link #hadGoodState}. */
    public long lastGoodStateNs;
    /** A fresh valid state has been seen. */
    public boolean hadGoodState;
    /** What keeps the SNN out after the last decision (or that nothing does), with its numbers. */
    public final HandOverStatus handOver = new HandOverStatus();

    /** Back to the power-on memory: IDLE, nothing counted, nothing requested. */
    public void reset() {
        mode = FlightMode.IDLE;
        previousMode = FlightMode.IDLE;
        transitioned = false;
        reasons = Reasons.NONE;
        warmupTicks = 0;
        agreementTicks = 0;
        saturatedTicks = 0;
        snnRequested = false;
        lastSaturationEvents = -1;
        lastGoodStateNs = 0;
        hadGoodState = false;
        handOver.copyFrom(POWER_ON_HAND_OVER);
    }

    private static final HandOverStatus POWER_ON_HAND_OVER = new HandOverStatus();
}
