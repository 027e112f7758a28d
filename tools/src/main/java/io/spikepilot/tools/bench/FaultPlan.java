package io.spikepilot.tools.bench;

import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.simulator.vfc.Px4Mode;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.flight.FlightContext;
import io.spikepilot.flight.FlightPlan;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The fault bench's operator for one scenario: hover, hand over to the SNN, let it fly for {@value #SNN_BEFORE_FAULT_S}
 * s, inject the fault, watch for its duration and {@value #OBSERVE_AFTER_S} s more without commanding anything, then
 * land: through spikepilot while it still flies the vehicle, otherwise as the pilot would, by selecting AUTO.LAND on
 * the autopilot after its failsafe.
 */
public final class FaultPlan implements FlightPlan {
    /** Starts and ends the fault. */
    public interface Injection {
        /** Begins the fault. */
        void start() throws Exception;

        /** Ends it (a no-op for single events). */
        void end() throws Exception;
    }

    static final double SNN_BEFORE_FAULT_S = 2;
    static final double OBSERVE_AFTER_S = 4;
    /** Without a hand-over by then the fault goes in anyway (the row then says the SNN was not flying), s. */
    private static final double ENGAGE_TIMEOUT_S = 40;
    private static final double ENGAGE_INTERVAL_S = 2;
    private static final double LANDING_TIMEOUT_S = 45;

    private final FaultScenario scenario;
    private final Injection injection;
    private final VirtualFlightController vfc;
    private final TruthMonitor monitor;
    private final PrintWriter console;
    private volatile long injectedAtNs;
    private volatile boolean snnFlyingAtFault;
    private volatile long autopilotResponseNs = -1;
    private volatile String landedBy = "not landed";
    private long startNs;

    /** The plan for {@code scenario} against {@code vfc}, watched by {@code monitor}. */
    public FaultPlan(FaultScenario scenario, Injection injection, VirtualFlightController vfc, TruthMonitor monitor,
                     PrintWriter console) {
        this.scenario = scenario;
        this.injection = injection;
        this.vfc = vfc;
        this.monitor = monitor;
        this.console = console;
    }

    @Override
    public void run(FlightContext flight) throws Exception {
        startNs = System.nanoTime();
        double lastEngageS = Double.NEGATIVE_INFINITY;
        double snnSinceS = Double.NaN;
        while (true) {
            if (flight.awaitInterrupt(10)) {
                flight.handBack();
                return;
            }
            double t = sinceStartS();
            FlightMode mode = flight.mode();
            if (flight.controlLost() != null) {
                say("before the fault: " + flight.controlLost());
                return;
            }
            if (mode == FlightMode.SNN) {
                snnSinceS = Double.isNaN(snnSinceS) ? t : snnSinceS;
                if (t - snnSinceS >= SNN_BEFORE_FAULT_S) {
                    break;
                }
            } else {
                snnSinceS = Double.NaN;
                if (mode == FlightMode.PID && flight.hoverThrustChecked() && t - lastEngageS >= ENGAGE_INTERVAL_S) {
                    flight.inbox().submit(OperatorCommand.ENGAGE_SNN);
                    lastEngageS = t;
                }
            }
            if (t > ENGAGE_TIMEOUT_S && mode != FlightMode.IDLE) {
                say("the SNN did not take over within " + ENGAGE_TIMEOUT_S + " s; injecting anyway");
                break;
            }
        }
        snnFlyingAtFault = flight.mode() == FlightMode.SNN;
        var before = vfc.mode(); // the autopilot flavour's mode type
        monitor.beginWindow();
        injectedAtNs = System.nanoTime();
        injection.start();
        say("injected: " + scenario.label());
        long endNs = injectedAtNs + (long) (scenario.durationS() * 1e9);
        long observeUntilNs = endNs + (long) (OBSERVE_AFTER_S * 1e9);
        boolean ended = false;
        while (System.nanoTime() < observeUntilNs) {
            long now = System.nanoTime();
            if (!ended && now >= endNs) {
                injection.end();
                ended = true;
            }
            if (autopilotResponseNs < 0 && vfc.mode() != before) {
                autopilotResponseNs = now - injectedAtNs;
            }
            Thread.sleep(5);
        }
        if (!ended) {
            injection.end();
        }
        monitor.endWindow();
        land(flight);
    }

    private void land(FlightContext flight) throws Exception {
        long deadline = System.nanoTime() + (long) (LANDING_TIMEOUT_S * 1e9);
        String lost = flight.controlLost();
        if (lost == null) {
            FlightMode mode = flight.mode();
            if (mode == FlightMode.PID || mode == FlightMode.SNN) {
                flight.inbox().submit(OperatorCommand.LAND);
            }
            while (flight.mode() != FlightMode.IDLE && flight.controlLost() == null) {
                if (System.nanoTime() > deadline) {
                    say("not landed in " + LANDING_TIMEOUT_S + " s: handing back");
                    flight.handBack();
                    return;
                }
                Thread.sleep(20);
            }
            if (flight.controlLost() == null) {
                flight.disarmIfArmed();
                landedBy = "spikepilot";
                say("landed by spikepilot");
                return;
            }
            lost = flight.controlLost();
        }
        say(lost + "; the pilot lands it with AUTO.LAND");
        pilotLands(vfc, deadline);
        landedBy = vfc.isArmed() ? "not landed" : "the pilot (AUTO.LAND) after the autopilot took over";
    }

    /** The pilot's landing after a failsafe: AUTO.LAND if the vehicle is still armed, then wait for the disarm. */
    public static void pilotLands(VirtualFlightController vfc, long deadlineNs) throws InterruptedException {
        if (vfc.isArmed() && vfc.mode() != Px4Mode.LAND) {
            vfc.pilotSelectsMode(Px4Mode.LAND);
        }
        while (vfc.isArmed() && System.nanoTime() < deadlineNs) {
            Thread.sleep(20);
        }
    }

    private double sinceStartS() {
        return (System.nanoTime() - startNs) * 1e-9;
    }

    private void say(String what) {
        console.println(String.format(Locale.ROOT, "    [%5.1f s] %s", sinceStartS(), what));
        console.flush();
    }

    /** System.nanoTime of the injection, 0 before. */
    public long injectedAtNs() {
        return injectedAtNs;
    }

    /** Whether the SNN flew when the fault began. */
    public boolean snnFlyingAtFault() {
        return snnFlyingAtFault;
    }

    /** ns from the injection to the autopilot's first mode change, -1 if none. */
    public long autopilotResponseNs() {
        return autopilotResponseNs;
    }

    /** Who landed the vehicle. */
    public String landedBy() {
        return landedBy;
    }
}
