package io.spikepilot.controller.replay;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRing;

/**
 * A fresh {@link FlightController} ticked by hand: the seam every replay drives, whatever the log. The caller serves
 * the state through its {@link StateSource}, posts operator commands and targets to {@link #inbox()}, sets the
 * injected-fault switch, and gets back the record the tick published, exactly as the live loop's ring readers see it.
 */
public final class Lockstep {
    private final FlightController controller;
    private final OperatorInbox inbox = new OperatorInbox();
    private final FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
    private final TickRing.Reader reader;

    /**
     * @param config              the flight configuration to rebuild the controller with
     * @param policy              a fresh, unwrapped policy instance (membranes at zero)
     * @param policyMatchesConfig passed to the controller as at the flight
     * @param source              serves the state of each tick
     * @param sink                receives each tick's chosen setpoint, as the link would
     */
    public Lockstep(FlightConfig config, Policy policy, boolean policyMatchesConfig, StateSource source,
                    SetpointSink sink) {
        TickRing ring = new TickRing(Math.max(2, Math.min(config.ringCapacity(), 1024)));
        reader = ring.reader();
        controller = new FlightController(config, new FaultInjectingPolicy(policy, fault), policyMatchesConfig,
                source, sink, inbox, ring);
    }

    /** Where the replay posts the operator's commands and targets before a tick. */
    public OperatorInbox inbox() {
        return inbox;
    }

    /** The switch of the fault injected into the policy's output (the demo's), off unless set. */
    public FaultInjectingPolicy.Switch fault() {
        return fault;
    }

    /** The controller being driven. */
    public FlightController controller() {
        return controller;
    }

    /** Runs one tick and copies the record it published into {@code out}. */
    public void tick(long nowNs, long deadlineNs, long missedTicks, long previousTickNs, TickRecord out) {
        controller.tick(nowNs, deadlineNs, missedTicks, previousTickNs);
        if (!reader.poll(out)) {
            throw new IllegalStateException("replay: the controller published no record for its tick "
                    + (controller.ticks() - 1));
        }
    }
}
