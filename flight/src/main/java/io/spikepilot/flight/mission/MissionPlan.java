package io.spikepilot.flight.mission;

import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.flight.FlightContext;
import io.spikepilot.flight.FlightPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Flies a {@link Mission} as the operator would: moves the target, sends the commands on time, switches the injected
 * fault, narrates what the supervisor does, and disarms after the landing. An interrupt hands back to the autopilot.
 * A landing the mission did not ask for (the supervisor's emergency landing, a ground {@code land} command) ends it
 * too, disarmed on the ground, but not completed.
 */
public final class MissionPlan implements FlightPlan {
    /** How long after the last step the landing may take before the autopilot is asked to hold instead, s. */
    private static final double LANDING_TIMEOUT_S = 60;
    /** How often the operator asks again for the SNN after an unplanned fallback, s. */
    private static final double REENGAGE_INTERVAL_S = 2;
    /** How long a fault waits for the SNN to be flying (it exists to show the SNN being caught), s. */
    private static final double FAULT_WAIT_S = 10;

    private final Mission mission;
    private final FaultInjectingPolicy.Switch fault;
    private final PrintWriter console;
    private volatile boolean completed;

    /** Flies {@code mission}, switching {@code fault}, narrating on {@code console}. */
    public MissionPlan(Mission mission, FaultInjectingPolicy.Switch fault, PrintWriter console) {
        this.mission = mission;
        this.fault = fault;
        this.console = console;
    }

    /** Whether the mission ran to the landing (false after an interrupt or a timeout). */
    public boolean completed() {
        return completed;
    }

    @Override
    public void run(FlightContext flight) throws Exception {
        List<Mission.Step> steps = mission.steps();
        long start = System.nanoTime();
        int next = 0;
        boolean landing = false;
        boolean airborne = false;
        boolean targetMoving = false;
        boolean snnWanted = false;
        double lastEngageS = 0;
        double faultDueS = Double.NaN;
        double delayS = 0; // a held-back fault or engage delays every later step by as much
        double engageDueS = Double.NaN;
        TargetRequest lastTarget = null;
        boolean hoverReported = false;
        say(0, "take-off on the PID to " + format(mission.targetAt(0)) + "; the SNN steps in shadow");
        while (true) {
            if (flight.awaitInterrupt(20)) {
                say(elapsed(start), "interrupted: handing the vehicle back to the autopilot");
                flight.handBack();
                return;
            }
            double t = elapsed(start);
            FlightMode mode = flight.mode();
            if ((landing || mode == FlightMode.LAND) && !flight.session().isArmed()) {
                say(t, "landed: the autopilot disarmed after touchdown");
                completed = landing;
                return;
            }
            String lost = flight.controlLost();
            if (lost != null) {
                say(t, lost + ": the mission stops commanding");
                return;
            }
            if (mode == FlightMode.IDLE && airborne && !landing) {
                // the supervisor returns to IDLE only from LAND: down, and armed in OFFBOARD unless we disarm
                say(t, "landed after a landing the mission did not ask for; disarming, mission not completed");
                flight.disarmIfArmed();
                return;
            }
            boolean takingOff = !airborne && mode != FlightMode.IDLE;
            airborne |= mode != FlightMode.IDLE;
            boolean moving = mission.onCircle(t);
            TargetRequest target = mission.targetAt(t);
            // Only a new target is sent: a hand-over holds the vehicle where it was (issue 17), and resending the
            // unchanged hover point would pull it straight back. The take-off sets its own target, so the mission's
            // goes out once airborne.
            if (takingOff || !target.equals(lastTarget)) {
                flight.inbox().submitTarget(target);
                lastTarget = target;
            }
            boolean hoverChecked = flight.hoverThrustChecked();
            if (hoverChecked && !hoverReported) {
                say(t, "hover thrust checked in the PID hover (the flight log and the summary give the numbers)");
                hoverReported = true;
            }
            if (moving != targetMoving) {
                say(t, moving ? String.format(Locale.ROOT, "circle: radius %.1f m, %.0f s per lap",
                        mission.circleRadiusM(), mission.circlePeriodS()) : "circle done: back to the hover point");
                targetMoving = moving;
            }
            while (next < steps.size() && steps.get(next).atS() + delayS <= t) {
                Mission.Step step = steps.get(next);
                if (step.action() == Mission.Action.ENGAGE_SNN && !hoverChecked) {
                    // The hover thrust is checked first, so a mismatch that keeps the SNN out is named beforehand.
                    if (Double.isNaN(engageDueS)) {
                        engageDueS = t;
                        say(t, "engage held back: measuring the hover thrust in the PID hover first");
                    }
                    break;
                }
                if (step.action() == Mission.Action.ENGAGE_SNN && !Double.isNaN(engageDueS)) {
                    delayS = Math.max(delayS, t - step.atS());
                    engageDueS = Double.NaN;
                }
                if (step.action() == Mission.Action.INJECT_FAULT && flight.mode() != FlightMode.SNN) {
                    // The fault is there to show the watchdog catching the SNN: hold it until the SNN flies.
                    if (Double.isNaN(faultDueS)) {
                        faultDueS = t;
                        say(t, "fault held back: the SNN is not flying (mode " + flight.mode() + ")");
                    }
                    if (t - faultDueS < FAULT_WAIT_S) {
                        break;
                    }
                }
                next++;
                say(t, step.action() + ": " + step.purpose());
                switch (step.action()) {
                    case ENGAGE_SNN -> {
                        flight.inbox().submit(OperatorCommand.ENGAGE_SNN);
                        snnWanted = true;
                        lastEngageS = t;
                    }
                    case INJECT_FAULT -> {
                        fault.set(true);
                        snnWanted = false;
                        delayS = Math.max(delayS, t - step.atS());
                    }
                    case CLEAR_FAULT -> fault.set(false);
                    case LAND -> {
                        flight.inbox().submit(OperatorCommand.LAND);
                        snnWanted = false;
                        landing = true;
                    }
                    default -> throw new IllegalStateException("unhandled mission action " + step.action());
                }
            }
            if (snnWanted && flight.mode() == FlightMode.PID && t - lastEngageS >= REENGAGE_INTERVAL_S) {
                // An unplanned fallback (the log says why): ask again, as a pilot would, after a fresh warm-up.
                say(t, "the SNN is not flying: asking for it again");
                flight.inbox().submit(OperatorCommand.ENGAGE_SNN);
                lastEngageS = t;
            }
            // Mode changes are narrated by the flight log (from the tick records, with their exact reasons).
            if (landing && flight.mode() == FlightMode.IDLE) {
                say(t, "landed; disarming");
                flight.disarmIfArmed();
                completed = true;
                return;
            }
            if (t > mission.lastStepS() + delayS + LANDING_TIMEOUT_S) {
                say(t, "not landed " + LANDING_TIMEOUT_S + " s after the last step: handing back to the autopilot");
                flight.handBack();
                return;
            }
        }
    }

    private static double elapsed(long startNs) {
        return (System.nanoTime() - startNs) * 1e-9;
    }

    private void say(double tS, String text) {
        console.printf(Locale.ROOT, "  t=%5.1f s  %s%n", tS, text);
        console.flush();
    }

    private static String format(TargetRequest t) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f) m NWU", t.xNwuM(), t.yNwuM(), t.zNwuM());
    }
}
