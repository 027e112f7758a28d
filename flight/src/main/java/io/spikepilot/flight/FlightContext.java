package io.spikepilot.flight;

import io.spikepilot.bridge.session.SessionException;
import io.spikepilot.bridge.session.VehicleSession;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.supervisor.FlightMode;

/** A flight in progress, as a {@link FlightPlan} sees it. */
public interface FlightContext {
    /** Where operator commands and targets go; the loop picks them up at its next tick. */
    OperatorInbox inbox();

    /** The supervisor's current mode. */
    FlightMode mode();

    /** The autopilot session (arming state, commands). */
    VehicleSession session();

    /** Waits up to {@code timeoutMs} for an interrupt (Ctrl-C); true when one arrived. */
    boolean awaitInterrupt(long timeoutMs) throws InterruptedException;

    /**
     * Why the autopilot no longer follows our setpoints (the pilot switched modes or disarmed, a failsafe took over,
     * or its heartbeat stopped: the link is lost), or null while it does. A plan that sees a reason stops commanding:
     * the vehicle is the pilot's.
     */
    String controlLost();

    /**
     * Whether the take-off hover has given its verdict on the configured hover thrust (measured, or given up on);
     * the first call that sees it reports it (log line, and the flight summary). A plan asks for the SNN only after
     * this, so a hover thrust that keeps the SNN from agreeing with the PID is named before the hand-over is asked
     * for.
     */
    boolean hoverThrustChecked();

    /** Hands the vehicle to the autopilot's hold mode while our setpoints keep streaming. */
    void handBack() throws SessionException;

    /**
     * Disarms through the autopilot once the supervisor says the vehicle is on the ground, retrying while the
     * autopilot's land detector catches up (see {@link DisarmAfterTouchdown}).
     */
    default void disarmIfArmed() throws SessionException, InterruptedException {
        new DisarmAfterTouchdown(session()::isArmed, () -> session().disarm(false), System::nanoTime, Thread::sleep)
                .run();
    }
}
