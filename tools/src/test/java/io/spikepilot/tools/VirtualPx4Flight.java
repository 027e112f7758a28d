package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.policy.ForwardingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.Reasons;
import io.spikepilot.simulator.airframe.Airframe;
import io.spikepilot.simulator.airframe.Rotor;
import io.spikepilot.simulator.env.EnvConfig;
import io.spikepilot.simulator.vfc.VfcAutopilot;
import io.spikepilot.simulator.vfc.VfcConfig;
import io.spikepilot.simulator.vfc.VirtualFlightController;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.spikepilot.flight.FlightRun;

/**
 * Pieces of the closed-loop tests that fly {@link FlightRun} against the virtual PX4 over UDP: the virtual PX4 on
 * free ports, a recorder of the tick records, a stand-in SNN that hovers off its target, and an X500 that hovers at
 * another thrust than the shipped config says.
 */
final class VirtualPx4Flight {
    private VirtualPx4Flight() {
    }

    /** Both ends of a loopback UDP link. */
    record Ports(int vfc, int companion) {
        static Ports free() throws Exception {
            return new Ports(freePort(), freePort());
        }

        String companionLink() {
            return "udp://127.0.0.1:" + companion + "?remote=127.0.0.1:" + vfc;
        }

        VirtualFlightController start(Airframe airframe) throws Exception {
            return start(airframe, VfcConfig.px4Defaults());
        }

        /** The virtual flight controller with {@code config} (its link replaced by these ports). */
        VirtualFlightController start(Airframe airframe, VfcConfig config) throws Exception {
            return new VirtualFlightController(config.withLink("udp://127.0.0.1:" + vfc + "?remote=127.0.0.1:"
                    + companion), airframe, EnvConfig.defaultAttitudeLimits(airframe));
        }
    }

    /** A flight.yaml's text with link.autopilot set to {@code autopilot} (the shipped config says px4). */
    static String forAutopilot(String flightYaml, VfcAutopilot autopilot) {
        String line = "autopilot: px4";
        if (!flightYaml.contains(line)) {
            throw new AssertionError("the flight config has no '" + line + "' line to replace");
        }
        return flightYaml.replace(line, "autopilot: " + autopilot.optionName());
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code airframe} with its mass changed so that it hovers at {@code hoverThrust} (same thrust curve). */
    static Airframe hoveringAt(Airframe airframe, double hoverThrust) {
        double massKg = 4 * airframe.thrustN(hoverThrust) / airframe.gravityMps2();
        List<Rotor> rotors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rotors.add(airframe.rotor(i));
        }
        return new Airframe(airframe.name() + "-hover-" + hoverThrust, "test: " + airframe.source(), massKg,
                airframe.gravityMps2(), airframe.inertiaKgM2(), airframe.thrustCurveN(), airframe.torqueConstantM(),
                airframe.motorTimeConstantS(), hoverThrust, rotors, airframe.innerLoop());
    }

    /** {@code fly} on another thread; the outcome is the summary or the exception. */
    static CompletableFuture<Object> fly(FlightRun run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run.fly();
            } catch (Exception e) {
                return e;
            }
        });
    }

    /**
     * The PID behind the policy path, flying to a point {@code biasNwuM} short of its target: a stand-in for an SNN
     * that hovers off its target, as the trained ones do by some centimetres. It sees the controller's observation
     * with the bias added to the position error, in its own copy (the controller records the original).
     */
    static final class OffTargetPolicy extends ForwardingPolicy {
        private final double[] biasNwuM;
        private final float[] shifted = new float[ObservationBuilder.SIZE];

        OffTargetPolicy(Policy inner, double[] biasNwuM) {
            super(inner);
            this.biasNwuM = biasNwuM.clone();
        }

        @Override
        public void step(float[] observation, int observationOffset, float[] action, int actionOffset) {
            System.arraycopy(observation, observationOffset, shifted, 0, ObservationBuilder.SIZE);
            for (int i = 0; i < 3; i++) {
                shifted[ObservationBuilder.POSITION + i] += (float) biasNwuM[i];
            }
            inner.step(shifted, 0, action, actionOffset);
        }
    }

    /** One tick as these tests read it. */
    record Row(long tick, FlightMode mode, FlightMode previousMode, boolean transitioned, int reasons, int command,
               double[] positionNwuM, double[] targetNwuM) {
        /** The state was fresh and valid: the tick was flown closed-loop. */
        boolean trusted() {
            return (reasons & (Reasons.STATE_STALE | Reasons.STATE_LOST | Reasons.STATE_INVALID)) == 0;
        }

        double distanceTo(double[] p) {
            double dx = positionNwuM[0] - p[0];
            double dy = positionNwuM[1] - p[1];
            double dz = positionNwuM[2] - p[2];
            return Math.sqrt(dx * dx + dy * dy + dz * dz);
        }

        double horizontalDistanceTo(double[] p) {
            double dx = positionNwuM[0] - p[0];
            double dy = positionNwuM[1] - p[1];
            return Math.sqrt(dx * dx + dy * dy);
        }
    }

    /** Keeps every tick record as a {@link Row}, on the ring drainer's thread. */
    static final class Recorder implements TickRecordConsumer {
        private final List<Row> rows = new ArrayList<>();

        @Override
        public synchronized void accept(TickRecord r) {
            rows.add(new Row(r.tick, FlightMode.ofOrdinal(r.mode), FlightMode.ofOrdinal(r.previousMode),
                    r.transitioned, r.reasons, r.command, r.statePositionNwuM.clone(), r.targetNwuM.clone()));
        }

        synchronized List<Row> rows() {
            return List.copyOf(rows);
        }

        /** The last row's mode, or IDLE before any. */
        synchronized FlightMode mode() {
            return rows.isEmpty() ? FlightMode.IDLE : rows.get(rows.size() - 1).mode;
        }

        /** Waits until the loop reports {@code mode}; fails after {@code timeoutS}. */
        void awaitMode(FlightMode mode, CompletableFuture<?> flight, double timeoutS) throws Exception {
            long deadline = System.nanoTime() + (long) (timeoutS * 1e9);
            while (mode() != mode && !flight.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(mode() == mode, "never reached mode " + mode + " (now " + mode() + "): "
                    + (flight.isDone() ? flight.get() : "still flying"));
        }
    }

    /** Index of the first row that entered {@code to} from {@code from}; fails when there is none. */
    static int transition(List<Row> rows, FlightMode from, FlightMode to) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.transitioned && r.previousMode == from && r.mode == to) {
                return i;
            }
        }
        throw new AssertionError("no " + from + " -> " + to + " hand-over in " + rows.size() + " ticks");
    }

    static void awaitTouchdown(VirtualFlightController vfc, CompletableFuture<?> flight) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!vfc.isOnGround() && !flight.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(vfc.isOnGround(), "never landed: " + vfc.events());
    }
}
