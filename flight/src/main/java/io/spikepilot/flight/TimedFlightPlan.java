package io.spikepilot.flight;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spikepilot fly}'s plan: ask for the SNN after {@code engageSnnAfterS} (negative: never), land after
 * {@code durationS} (0: fly until interrupted), disarm once landed; an interrupt hands back to the autopilot, and an
 * autopilot that stops following us (the pilot's mode switch, a failsafe, a lost link) ends the plan without another
 * command. The SNN is asked for no earlier than the take-off hover's verdict on the configured hover thrust
 * ({@link FlightContext#hoverThrustChecked}), so a mismatch that keeps it out is named first.
 *
 * <p>Any landing ends the flight, not only the plan's own: the supervisor's emergency landing (state or link lost)
 * and a ground {@code land} command end in IDLE the same way, and a vehicle left armed on the ground in OFFBOARD
 * would take the next thrust setpoint as a take-off. The supervisor returns to IDLE only from LAND, so IDLE after any
 * other mode means landed.
 */
public record TimedFlightPlan(double engageSnnAfterS, double durationS) implements FlightPlan {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");
    /** How long a landing may take before the autopilot is asked to hold instead, s. */
    private static final double LANDING_TIMEOUT_S = 60;
    /** Between two reminders that the request is held back for the hover-thrust check, s. */
    private static final double HELD_BACK_REPEAT_S = 1.0;

    @Override
    public void run(FlightContext flight) throws Exception {
        long start = System.nanoTime();
        boolean engageSent = false;
        boolean landing = false; // the plan asked for the landing
        boolean airborne = false;
        double landingSinceS = Double.NaN; // when a landing, ours or not, was first seen
        double heldBackToldS = Double.NaN; // when the operator was last told the request waits for the hover check
        while (true) {
            if (flight.awaitInterrupt(20)) {
                flight.handBack();
                return;
            }
            double elapsedS = (System.nanoTime() - start) * 1e-9;
            FlightMode mode = flight.mode();
            if (mode == FlightMode.LAND && Double.isNaN(landingSinceS)) {
                landingSinceS = elapsedS;
            }
            if (!Double.isNaN(landingSinceS) && !flight.session().isArmed()) {
                // PX4's COM_DISARM_LAND and ArduPilot's land detector disarm after touchdown on their own.
                LOG.info("landed: the autopilot disarmed after touchdown");
                return;
            }
            String lost = flight.controlLost();
            if (lost != null) {
                LOG.warn("{}; spikepilot stops commanding: the vehicle is the pilot's", lost);
                return;
            }
            if (mode == FlightMode.IDLE && airborne) {
                LOG.info(landing ? "landed" : "landed after a landing the plan did not ask for (the supervisor's "
                        + "emergency landing or a ground command): disarming and ending the flight");
                flight.disarmIfArmed();
                return;
            }
            airborne |= mode != FlightMode.IDLE;
            boolean hoverChecked = flight.hoverThrustChecked();
            if (!engageSent && engageSnnAfterS >= 0 && elapsedS >= engageSnnAfterS && hoverChecked) {
                flight.inbox().submit(OperatorCommand.ENGAGE_SNN);
                engageSent = true;
                LOG.info("asked for the SNN after {} s", engageSnnAfterS);
            } else if (!engageSent && engageSnnAfterS >= 0 && elapsedS >= engageSnnAfterS
                    && mode == FlightMode.PID && !(elapsedS - heldBackToldS < HELD_BACK_REPEAT_S)) {
                // the request is the plan's, so is saying why it has not gone out: the supervisor never saw it
                LOG.info(String.format(java.util.Locale.ROOT, "the SNN is due after %.1f s but held back %.1f s so "
                        + "far: the take-off hover has not measured the hover thrust yet (it needs a settled PID "
                        + "hover; the flight log names a mismatch once measured)", engageSnnAfterS,
                        elapsedS - engageSnnAfterS));
                heldBackToldS = elapsedS;
            }
            if (!landing && durationS > 0 && elapsedS >= durationS) {
                flight.inbox().submit(OperatorCommand.LAND);
                landing = true;
                LOG.info("flight time over after {} s: landing", durationS);
                if (Double.isNaN(landingSinceS)) {
                    landingSinceS = elapsedS;
                }
            }
            if (landing && !airborne && mode == FlightMode.IDLE) {
                // the take-off never happened (refused): nothing to land
                LOG.info("landed");
                flight.disarmIfArmed();
                return;
            }
            if (elapsedS - landingSinceS > LANDING_TIMEOUT_S) {
                LOG.warn("not landed {} s after the landing began: handing back to the autopilot",
                        LANDING_TIMEOUT_S);
                flight.handBack();
                return;
            }
        }
    }
}
