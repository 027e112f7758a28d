package io.spikepilot.telemetry;

import io.spikepilot.controller.supervisor.OperatorCommand;

/**
 * Whether the flight, as it stands now, may take a ground command: the flight procedure knows whether the pre-flight
 * checks passed, whether it armed the vehicle and whether the autopilot still follows it, none of which a message
 * from the ground can know. Asked on the telemetry thread, never on the loop's.
 */
@FunctionalInterface
public interface CommandGate {
    /** Refuses everything: no flight is in progress that a ground command could act on. */
    CommandGate NO_FLIGHT = new CommandGate() {
        private static final String WHY = "no flight is in progress (the flight procedure has not started)";

        @Override
        public String refusal(OperatorCommand command) {
            return WHY;
        }

        @Override
        public String targetRefusal() {
            return WHY;
        }
    };

    /**
     * Null when {@code command} may be forwarded to the loop now; otherwise why not, in words for the ack (what the
     * command needs and what the flight is doing instead).
     */
    String refusal(OperatorCommand command);

    /**
     * Null, or what an accepted {@code command} will meet in the loop, for its ack: the supervisor decides at the
     * next tick, so an {@code engage_snn} that cannot take effect at once says what blocks it (warm-up, agreement
     * with the PID and by how much, ...). Asked after the command was forwarded.
     */
    default String outlook(OperatorCommand command) {
        return null;
    }

    /**
     * Null when a new hover target ({@code goto}, already inside the geofence and altitude limits) may be flown now;
     * otherwise why not. By default no flight takes targets from the ground.
     */
    default String targetRefusal() {
        return "this flight takes no targets from the ground";
    }
}
