package io.spikepilot.flight.mission;

import io.spikepilot.controller.loop.TargetRequest;
import java.util.List;

/**
 * The demo's flight plan as data: when each operator action happens, and where the target is at each moment.
 *
 * <p>Take off on the PID to a hover point, hand over to the SNN after its shadow warm-up, fly a circle by moving the
 * target (the paper's way of flying trajectories: the network only ever sees a position error), inject a fault, let
 * the watchdog catch it, re-engage the SNN after a fresh warm-up, come back to the hover point and land.
 *
 * @param steps     operator actions in time order
 * @param hoverNwuM hover point, NWU, m
 * @param circleRadiusM   radius of the circle flown, m
 * @param circlePeriodS   time for one lap, s
 * @param circleStartS    mission time the circle starts, s
 * @param circleLaps      laps flown
 */
public record Mission(List<Step> steps, double[] hoverNwuM, double circleRadiusM, double circlePeriodS,
                      double circleStartS, double circleLaps) {
    /** What the operator does at a mission time. */
    public enum Action {
        /** Ask the supervisor to hand control to the SNN once it is warm and agrees with the PID. */
        ENGAGE_SNN,
        /** Start the injected fault (see {@link io.spikepilot.controller.policy.FaultInjectingPolicy}). */
        INJECT_FAULT,
        /** End the injected fault. */
        CLEAR_FAULT,
        /** Land where the vehicle is. */
        LAND
    }

    /** One operator action at mission time {@code atS}, with what it is meant to show. */
    public record Step(double atS, Action action, String purpose) {
    }

    /**
     * The standard demo, in seconds after the take-off command (which the flight pipeline gives once armed, with the
     * SNN stepping in shadow from then on): climb to {@code hoverHeightM} on the PID, engage at 6 s, a 1.5 m circle
     * in 16 s from 12 s (one lap), a fault at 30 s lasting 0.5 s, re-engage at 34 s, land at 42 s.
     *
     * @param hoverHeightM the flight config's {@code mission.takeoff_height_m}: the height the take-off climbs to is
     *                     the one the mission then holds, so the log and the narration name one height
     */
    public static Mission standard(double hoverHeightM) {
        return new Mission(List.of(
                new Step(6.0, Action.ENGAGE_SNN, "hand-over to the SNN after warm-up and agreement with the PID"),
                new Step(30.0, Action.INJECT_FAULT, "the SNN's output turns non-finite: the watchdog must fall back"),
                new Step(30.5, Action.CLEAR_FAULT, "the fault ends; the PID keeps flying until re-engaged"),
                new Step(34.0, Action.ENGAGE_SNN, "explicit re-engage after a fresh warm-up"),
                new Step(42.0, Action.LAND, "land on the PID and disarm")),
                new double[] {0, 0, hoverHeightM}, 1.5, 16.0, 12.0, 1.0);
    }

    /** The same mission without the injected fault. */
    public Mission withoutFault() {
        List<Step> kept = steps.stream()
                .filter(s -> s.action() != Action.INJECT_FAULT && s.action() != Action.CLEAR_FAULT)
                .toList();
        return new Mission(kept, hoverNwuM, circleRadiusM, circlePeriodS, circleStartS, circleLaps);
    }

    /** Mission time after which nothing more is planned, s. */
    public double lastStepS() {
        return steps.get(steps.size() - 1).atS();
    }

    /** Whether the target moves at mission time {@code tS}. */
    public boolean onCircle(double tS) {
        return tS >= circleStartS && tS < circleStartS + circleLaps * circlePeriodS;
    }

    /**
     * The target at mission time {@code tS}: the hover point, or a point on the circle, which starts and ends at the
     * hover point (the circle is centred one radius north of it) so the target never jumps.
     */
    public TargetRequest targetAt(double tS) {
        if (!onCircle(tS)) {
            return new TargetRequest(hoverNwuM[0], hoverNwuM[1], hoverNwuM[2], 0.0);
        }
        double phase = 2 * Math.PI * (tS - circleStartS) / circlePeriodS;
        double x = hoverNwuM[0] + circleRadiusM - circleRadiusM * Math.cos(phase);
        double y = hoverNwuM[1] + circleRadiusM * Math.sin(phase);
        return new TargetRequest(x, y, hoverNwuM[2], 0.0);
    }
}
