package io.spikepilot.flight;

/**
 * What happens between take-off and the end of a flight: the operator's side of the mode machine. {@code fly} uses a
 * timed plan (engage the SNN after a while, land after a duration); the demo uses its mission.
 */
@FunctionalInterface
public interface FlightPlan {
    /**
     * Runs the plan; returns when the flight is over (landed, or handed back to the autopilot).
     *
     * @param flight the flight in progress: its operator inbox, mode, autopilot session and interrupt
     */
    void run(FlightContext flight) throws Exception;
}
