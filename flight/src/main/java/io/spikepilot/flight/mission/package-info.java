/**
 * The demo mission: take-off on the PID, hand-over to the SNN, a circle flown by moving the target, an injected
 * policy fault for the watchdog to catch, re-engagement and landing, as data ({@link
 * io.spikepilot.flight.mission.Mission}) and as the {@link io.spikepilot.flight.FlightPlan} that flies it. It knows
 * nothing of the vehicle it flies: {@code spikepilot demo} wires it to the virtual flight controller in {@code tools},
 * and the same plan could fly a real autopilot.
 */
package io.spikepilot.flight.mission;
