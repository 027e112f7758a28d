package io.spikepilot.tools;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spikepilot fly}'s plan: ask for the SNN after {@code engageSnnAfterS} (negative: never), land after
 * {@code durationS} (0: fly until interrupted), disarm once landed; an interrupt hands back to the autopilot, and an
 * autopilot that stops following us (the pilot's mode switch, a failsafe) ends the plan without another command.
 */
record TimedFlightPlan(double engageSnnAfterS, double durationS) implements FlightPlan {
    private static final Logger LOG = LoggerFactory.getLogger("spikepilot.flight");
    /** How long a landing may take before the autopilot is asked to hold instead, s. */
    private static final double LANDING_TIMEOUT_S = 60;

    @Override
    public void run(FlightContext flight) throws Exception {
        long start = System.nanoTime();
        boolean engageSent = false;
        boolean landing = false;
        while (true) {
            if (flight.awaitInterrupt(20)) {
                flight.handBack();
                return;
            }
            if (landing && !flight.session().isArmed()) {
                // PX4's COM_DISARM_LAND and ArduPilot's land detector disarm after touchdown on their own.
                LOG.info("landed: the autopilot disarmed after touchdown");
                return;
            }
            String lost = flight.controlLost();
            if (lost != null) {
                LOG.warn("{}; spikepilot stops commanding: the vehicle is the pilot's", lost);
                return;
            }
            double elapsedS = (System.nanoTime() - start) * 1e-9;
            if (!engageSent && engageSnnAfterS >= 0 && elapsedS >= engageSnnAfterS) {
                flight.inbox().submit(OperatorCommand.ENGAGE_SNN);
                engageSent = true;
                LOG.info("asked for the SNN after {} s", engageSnnAfterS);
            }
            if (!landing && durationS > 0 && elapsedS >= durationS) {
                flight.inbox().submit(OperatorCommand.LAND);
                landing = true;
                LOG.info("flight time over after {} s: landing", durationS);
            }
            if (landing && flight.mode() == FlightMode.IDLE) {
                LOG.info("landed");
                flight.disarmIfArmed();
                return;
            }
            if (landing && elapsedS > durationS + LANDING_TIMEOUT_S) {
                LOG.warn("not landed {} s after the landing command: handing back to the autopilot",
                        LANDING_TIMEOUT_S);
                flight.handBack();
                return;
            }
        }
    }
}
