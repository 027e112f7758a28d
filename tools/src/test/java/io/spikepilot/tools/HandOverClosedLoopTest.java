package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.hover.HoverThrustEstimator;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import io.spikepilot.tools.VirtualPx4Flight.OffTargetPolicy;
import io.spikepilot.tools.VirtualPx4Flight.Ports;
import io.spikepilot.tools.VirtualPx4Flight.Recorder;
import io.spikepilot.tools.VirtualPx4Flight.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.TimedFlightPlan;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.HoverThrustReport;

/**
 * Hand-overs flown by {@code fly}'s pipeline against the virtual PX4 (issue 17, item 4): the PID and the landing
 * start from where the vehicle is at the hand-over. The stand-in SNN hovers {@link #SNN_OFF_TARGET_M} short of its
 * target, the size of the 11-12 cm drift the issue saw; before the fix the PID flew back to the target after a
 * fallback, a landing from the SNN drifted away by the SNN's error kept in the PID's integrator, and a landing after
 * a state loss resumed from the altitude it had lost the state at, above the vehicle, so the PID commanded a climb.
 *
 * <p>The same flights check the companion heartbeat (item 5: CRITICAL only for faults, EMERGENCY for the blind
 * descent) and the take-off hover's hover-thrust estimate on a vehicle that hovers where the config says (item 6).
 */
class HandOverClosedLoopTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final double SNN_OFF_TARGET_M = 0.12;
    /** Ticks after the hand-over over which the bump is measured: 5 s at 100 Hz. */
    private static final int BUMP_TICKS = 500;

    /** The example config with a CI-tolerant watchdog, and {@code edits} applied as (find, replace) pairs. */
    private static FlightSettings settings(Path dir, String... edits) throws Exception {
        String yaml = Files.readString(EXAMPLE)
                .replace("stale_state_periods: 3", "stale_state_periods: 10")
                .replace("max_missed_ticks: 2", "max_missed_ticks: 10");
        for (int i = 0; i < edits.length; i += 2) {
            assertTrue(yaml.contains(edits[i]), edits[i]);
            yaml = yaml.replace(edits[i], edits[i + 1]);
        }
        Path file = dir.resolve("flight.yaml");
        Files.writeString(file, yaml);
        return FlightConfigFile.load(file);
    }

    private static FlightRun snnFlight(Ports ports, FlightSettings settings, Path dir, FaultInjectingPolicy.Switch fault,
                                       Recorder recorder, OperatorInbox inbox) throws Exception {
        double[] bias = {SNN_OFF_TARGET_M, 0, 0};
        return new FlightRun(ports.companionLink(), settings, FlyPolicy.load("pid", settings.flight()), dir,
                new TimedFlightPlan(0.5, 0), 2000, p -> new FaultInjectingPolicy(new OffTargetPolicy(p, bias), fault),
                List.of(recorder), inbox);
    }

    private static boolean anyFault(List<String> statuses) {
        return statuses.contains("MAV_STATE_CRITICAL") || statuses.contains("MAV_STATE_EMERGENCY");
    }

    @Test
    void afterAWatchdogFallbackThePidHoldsWhereTheSnnWas(@TempDir Path dir) throws Exception {
        Ports ports = Ports.free();
        try (VirtualFlightController vfc = ports.start(Airframes.x500())) {
            FlightSettings settings = settings(dir);
            FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
            Recorder recorder = new Recorder();
            FlightRun run = snnFlight(ports, settings, dir, fault, recorder, new OperatorInbox());
            CompletableFuture<Object> flight = VirtualPx4Flight.fly(run);
            recorder.awaitMode(FlightMode.SNN, flight, 40);
            Thread.sleep(5_000); // the SNN settles off its target

            int statusesBefore = vfc.companionStatuses().size();
            fault.set(true); // NaN outputs: the watchdog hands over to the PID in the same tick
            Thread.sleep(300);
            fault.set(false);
            Thread.sleep(BUMP_TICKS * 10 + 1_000);
            run.interruptAndAwait(15_000);
            Object summary = flight.get(20, TimeUnit.SECONDS);

            List<Row> rows = recorder.rows();
            int h = VirtualPx4Flight.transition(rows, FlightMode.SNN, FlightMode.PID);
            Row handOver = rows.get(h);
            Row lastSnnTick = rows.get(h - 1);
            double offTarget = Math.abs(lastSnnTick.positionNwuM()[0] - lastSnnTick.targetNwuM()[0]);
            double bump = 0;
            for (int i = h; i < Math.min(rows.size(), h + BUMP_TICKS); i++) {
                bump = Math.max(bump, rows.get(i).distanceTo(handOver.positionNwuM()));
            }
            System.out.printf(Locale.ROOT, "SNN -> PID: SNN %.3f m off its target at the hand-over, bump %.3f m%n",
                    offTarget, bump);
            assertTrue(offTarget > 0.09, "the stand-in SNN hovers off its target: " + offTarget);
            assertTrue(bump < 0.04, "the PID holds where it took over: moved " + bump + " m in 5 s");
            assertEquals(FlightMode.PID, rows.get(Math.min(rows.size() - 1, h + BUMP_TICKS)).mode());

            // item 5: routine SNN flight is ACTIVE; a watchdog fallback is a fault, reported CRITICAL
            List<String> statuses = vfc.companionStatuses();
            assertFalse(anyFault(statuses.subList(0, statusesBefore)), statuses.subList(0, statusesBefore).toString());
            assertTrue(statuses.subList(statusesBefore, statuses.size()).contains("MAV_STATE_CRITICAL"),
                    statuses.toString());

            // item 6: on a vehicle that hovers where the config says, the estimate fits
            HoverThrustReport hover = run.hoverThrustReport();
            assertEquals(HoverThrustEstimator.READY, hover.status(), String.valueOf(summary));
            System.out.printf(Locale.ROOT, "hover thrust: measured %.4f, truth %.4f%n", hover.measured(),
                    Airframes.x500().hoverThrustNormalized());
            assertEquals(Airframes.x500().hoverThrustNormalized(), hover.measured(), 0.01);
            assertFalse(hover.mismatch(), hover.describe());
            assertTrue(String.valueOf(summary).contains(hover.describe()), String.valueOf(summary));
        }
    }

    @Test
    void aLandingFromTheSnnStartsWhereTheVehicleIs(@TempDir Path dir) throws Exception {
        Ports ports = Ports.free();
        try (VirtualFlightController vfc = ports.start(Airframes.x500())) {
            FlightSettings settings = settings(dir);
            Recorder recorder = new Recorder();
            OperatorInbox inbox = new OperatorInbox();
            FlightRun run = snnFlight(ports, settings, dir, new FaultInjectingPolicy.Switch(), recorder, inbox);
            CompletableFuture<Object> flight = VirtualPx4Flight.fly(run);
            recorder.awaitMode(FlightMode.SNN, flight, 40);
            Thread.sleep(5_000);

            inbox.submit(OperatorCommand.LAND); // as a ground 'land' does
            VirtualPx4Flight.awaitTouchdown(vfc, flight);
            Object summary = flight.get(20, TimeUnit.SECONDS);
            assertTrue(String.valueOf(summary).contains("flight over"), String.valueOf(summary));

            List<Row> rows = recorder.rows();
            int h = VirtualPx4Flight.transition(rows, FlightMode.SNN, FlightMode.LAND);
            double[] from = rows.get(h).positionNwuM();
            double drift = 0;
            double commandedClimb = Double.NEGATIVE_INFINITY;
            for (int i = h; i < rows.size() && rows.get(i).mode() == FlightMode.LAND; i++) {
                Row r = rows.get(i);
                drift = Math.max(drift, r.horizontalDistanceTo(from));
                commandedClimb = Math.max(commandedClimb, r.targetNwuM()[2] - r.positionNwuM()[2]);
            }
            System.out.printf(Locale.ROOT, "SNN -> LAND: horizontal drift %.3f m, target above the vehicle at most "
                    + "%.3f m%n", drift, commandedClimb);
            assertTrue(drift < 0.04, "the landing descends where it started: drifted " + drift + " m");
            assertTrue(commandedClimb <= 1e-9, "the landing target never rises above the vehicle: " + commandedClimb);
            // a commanded landing from the SNN is routine: no CRITICAL/EMERGENCY at any time
            assertFalse(anyFault(vfc.companionStatuses()), vfc.companionStatuses().toString());
        }
    }

    @Test
    void aLandingAfterAStateLossNeverClimbsBack(@TempDir Path dir) throws Exception {
        Ports ports = Ports.free();
        try (VirtualFlightController vfc = ports.start(Airframes.x500())) {
            // higher, so the blind descent of a 2.5 s state loss ends in the air
            FlightSettings settings = settings(dir, "takeoff_height_m: 1.0", "takeoff_height_m: 2.0");
            Recorder recorder = new Recorder();
            FlightRun run = new FlightRun(ports.companionLink(), settings, FlyPolicy.load("pid", settings.flight()),
                    dir, new TimedFlightPlan(-1, 0), 2000, p -> p, List.of(recorder), new OperatorInbox());
            CompletableFuture<Object> flight = VirtualPx4Flight.fly(run);
            recorder.awaitMode(FlightMode.PID, flight, 30);
            Thread.sleep(6_000);

            vfc.dropStateStreams(2_500_000_000L); // the supervisor lands open-loop after state_loss_ms
            VirtualPx4Flight.awaitTouchdown(vfc, flight);
            Object summary = flight.get(20, TimeUnit.SECONDS);
            assertTrue(String.valueOf(summary).contains("last mode IDLE"), String.valueOf(summary));

            List<Row> rows = recorder.rows();
            int land = VirtualPx4Flight.transition(rows, FlightMode.PID, FlightMode.LAND);
            int back = -1;
            for (int i = land; i < rows.size() && back < 0; i++) {
                if (rows.get(i).trusted()) {
                    back = i;
                }
            }
            assertTrue(back > land, "the landing went open-loop first, then the state came back");
            double zBack = rows.get(back).positionNwuM()[2];
            double commandedClimb = Double.NEGATIVE_INFINITY;
            double climb = 0;
            for (int i = back; i < rows.size() && rows.get(i).mode() == FlightMode.LAND; i++) {
                Row r = rows.get(i);
                if (r.trusted()) {
                    commandedClimb = Math.max(commandedClimb, r.targetNwuM()[2] - r.positionNwuM()[2]);
                    climb = Math.max(climb, r.positionNwuM()[2] - zBack);
                }
            }
            System.out.printf(Locale.ROOT, "state-loss landing: state back at %.2f m, target above the vehicle at "
                    + "most %.3f m, climbed %.3f m%n", zBack, commandedClimb, climb);
            assertTrue(zBack > 0.5, "the state came back in the air: " + zBack);
            assertTrue(commandedClimb <= 1e-9, "no climb commanded when the landing resumes: " + commandedClimb);
            assertTrue(climb < 0.02, "the vehicle did not climb back: " + climb);
            // item 5: the blind descent is an emergency, the rest of the forced landing critical
            List<String> statuses = vfc.companionStatuses();
            assertTrue(statuses.contains("MAV_STATE_EMERGENCY"), statuses.toString());
            assertTrue(statuses.contains("MAV_STATE_CRITICAL"), statuses.toString());
        }
    }
}
