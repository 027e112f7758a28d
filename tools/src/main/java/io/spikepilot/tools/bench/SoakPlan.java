package io.spikepilot.tools.bench;

import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.flight.FlightContext;
import io.spikepilot.flight.FlightPlan;
import io.spikepilot.flight.mission.Mission;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The soak's operator: once the take-off hover has checked the hover thrust, asks for the SNN (again every few
 * seconds after any fallback), flies laps of a circle by moving the target so the network always has work, and lands
 * when the flight time is over. An emergency landing of the supervisor's (state or link lost for too long, which a
 * starved machine can cause) is counted and followed by a new take-off, so the soak still lasts its full time. It records when each phase began so the soak can measure the steady flight alone.
 */
public final class SoakPlan implements FlightPlan {
    /** Between two requests for the SNN while it is not flying, s. */
    private static final double ENGAGE_INTERVAL_S = 2;
    /** Circle radius, m, and lap time, s: a gentle, continuous manoeuvre. */
    private static final double RADIUS_M = 1.0;
    private static final double LAP_S = 20;
    /** The circle starts after the hand-over has had time to happen, s. */
    private static final double CIRCLE_START_S = 20;
    private static final double LANDING_TIMEOUT_S = 60;

    private final double flightS;
    private final Mission circle;
    private final PrintWriter console;
    private volatile double airborneAtS = Double.NaN;
    private volatile double snnAtS = Double.NaN;
    private volatile double landAtS = Double.NaN;
    private volatile boolean landed;
    private volatile int emergencyLandings;
    private boolean inEmergency;
    private volatile long startNs;

    /**
     * @param flightS       time from the take-off to the landing command, s
     * @param hoverHeightM  hover height (the flight config's take-off height), m
     * @param console       where the plan says what it does
     */
    public SoakPlan(double flightS, double hoverHeightM, PrintWriter console) {
        this.flightS = flightS;
        this.console = console;
        double laps = Math.max(0, Math.floor((flightS - CIRCLE_START_S - 5) / LAP_S));
        this.circle = new Mission(List.of(), new double[] {0, 0, hoverHeightM}, RADIUS_M, LAP_S, CIRCLE_START_S, laps);
    }

    @Override
    public void run(FlightContext flight) throws Exception {
        startNs = System.nanoTime();
        boolean landing = false;
        boolean airborne = false;
        double lastEngageS = Double.NEGATIVE_INFINITY;
        TargetRequest lastTarget = null;
        while (true) {
            if (flight.awaitInterrupt(20)) {
                say("interrupted: handing the vehicle back to the autopilot");
                flight.handBack();
                return;
            }
            double t = sinceStartS();
            FlightMode mode = flight.mode();
            if (landing && !flight.session().isArmed()) {
                landed = true;
                say("landed: the autopilot disarmed after touchdown");
                return;
            }
            if (landing && mode == FlightMode.IDLE) {
                // down (the supervisor leaves LAND only on the ground) and armed in OFFBOARD until disarmed
                flight.disarmIfArmed();
                landed = !flight.session().isArmed();
                say(landed ? "landed and disarmed" : "landed, but the autopilot did not disarm");
                return;
            }
            String lost = flight.controlLost();
            if (lost != null) {
                say(lost + ": the soak stops commanding");
                return;
            }
            if (mode == FlightMode.LAND && !landing && !inEmergency) {
                inEmergency = true;
                emergencyLandings++;
                say("the supervisor lands on its own (state or link lost); the soak takes off again once down");
            }
            if (mode == FlightMode.IDLE && airborne && !landing) {
                // the supervisor's emergency landing is down; still armed in OFFBOARD: fly on, and count it
                flight.inbox().submit(OperatorCommand.TAKEOFF);
                inEmergency = false;
                airborne = false;
                lastTarget = null;
                say("down after emergency landing " + emergencyLandings + "; taking off again");
            }
            if (!airborne && mode != FlightMode.IDLE) {
                airborne = true;
                if (Double.isNaN(airborneAtS)) {
                    airborneAtS = t;
                }
            }
            if (mode == FlightMode.SNN && Double.isNaN(snnAtS)) {
                snnAtS = t;
                say("the SNN flies");
            }
            TargetRequest target = circle.targetAt(t);
            if (airborne && !landing && !target.equals(lastTarget)) {
                flight.inbox().submitTarget(target);
                lastTarget = target;
            }
            if (!landing && t >= flightS) {
                flight.inbox().submit(OperatorCommand.LAND);
                landing = true;
                landAtS = t;
                say("flight time over: landing");
            } else if (!landing && mode == FlightMode.PID && flight.hoverThrustChecked()
                    && t - lastEngageS >= ENGAGE_INTERVAL_S) {
                flight.inbox().submit(OperatorCommand.ENGAGE_SNN);
                lastEngageS = t;
            }
            if (landing && t - landAtS > LANDING_TIMEOUT_S) {
                say("not landed " + LANDING_TIMEOUT_S + " s after the landing began: handing back to the autopilot");
                flight.handBack();
                return;
            }
        }
    }

    private double sinceStartS() {
        return (System.nanoTime() - startNs) * 1e-9;
    }

    private void say(String what) {
        console.println(String.format(Locale.ROOT, "  [%6.1f s] %s", sinceStartS(), what));
        console.flush();
    }

    /** System.nanoTime when the plan began (the take-off command), 0 before. */
    public long startNs() {
        return startNs;
    }

    /** Plan time the supervisor first left IDLE, s (NaN before). */
    public double airborneAtS() {
        return airborneAtS;
    }

    /** Plan time the SNN first flew, s (NaN if never). */
    public double snnAtS() {
        return snnAtS;
    }

    /** Plan time of the landing command, s (NaN before). */
    public double landAtS() {
        return landAtS;
    }

    /** Landings the supervisor made on its own (state or link lost), each followed by a new take-off. */
    public int emergencyLandings() {
        return emergencyLandings;
    }

    /** Whether the plan's landing ended with the autopilot disarmed. */
    public boolean landed() {
        return landed;
    }
}
