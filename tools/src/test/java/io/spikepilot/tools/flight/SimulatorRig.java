package io.spikepilot.tools.flight;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.SupervisorConfig;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;

/**
 * The flight controller and the simulated X500 in lockstep at 100 Hz: each tick reads the true state at time t,
 * applies the chosen setpoint, and advances the simulator one period. State faults are injected between the two.
 */
final class SimulatorRig {
    static final long MS = 1_000_000L;
    static final long PERIOD_NS = 10 * MS;

    /** How the state source misbehaves. */
    enum StateFault {
        /** Fresh truth every tick, link alive. */
        NONE,
        /** The estimate stops updating; other autopilot messages (heartbeats) still arrive. */
        FROZEN,
        /** The estimate arrives with a NaN velocity. */
        NAN,
        /** Nothing arrives at all: no estimate, no heartbeat. */
        LINK_DOWN
    }

    final SimulatedVehicle sim = new SimulatedVehicle(Airframes.x500());
    final AttitudeLimits limits;
    final FlightConfig config;
    final OperatorInbox inbox = new OperatorInbox();
    final TickRing ring;
    final FlightController controller;
    final VehicleState truth = new VehicleState();
    StateFault fault = StateFault.NONE;
    long nowNs;
    FlightMode lastSentMode;
    double maxTiltRad;

    private final VehicleState published = new VehicleState();
    private long lastMessageNs = StateSource.NO_MESSAGE;
    private boolean published0;

    SimulatorRig(Policy policy) {
        limits = new AttitudeLimits(sim.hoverThrust(), 0.1, 0.95, Math.toRadians(30), Math.toRadians(90));
        SupervisorConfig supervisor = new SupervisorConfig(PERIOD_NS, 3, 500 * MS, 1000 * MS, 5, 0.99, 50, 0,
                Math.toRadians(35), 5.0, 3.0, 2, 50, 10, 0.05, 0.1);
        config = new FlightConfig(100, limits, PositionPidGains.px4Defaults(), supervisor, 1.0, 0.5, 0.05, 0.2,
                0.98 * sim.hoverThrust(), 4096);
        ring = new TickRing(config.ringCapacity());
        StateSource source = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                if (published0) {
                    out.copyFrom(published);
                }
                return published0;
            }

            @Override
            public long lastMessageNs() {
                return lastMessageNs;
            }
        };
        SetpointSink sink = (now, setpoint, mode) -> {
            sim.apply(setpoint);
            lastSentMode = mode;
        };
        controller = new FlightController(config, policy, true, source, sink, inbox, ring);
        sim.resetHovering(0, 0, 0, 0);
    }

    /** The estimate the autopilot would send at the current time, with the injected fault. */
    private void publishState() {
        sim.readState(truth);
        switch (fault) {
            case NONE -> {
                published.copyFrom(truth);
                published0 = true;
                lastMessageNs = nowNs;
            }
            case FROZEN -> lastMessageNs = nowNs;
            case NAN -> {
                published.copyFrom(truth);
                published.velocityNwuMps[0] = Double.NaN;
                published0 = true;
                lastMessageNs = nowNs;
            }
            case LINK_DOWN -> { }
        }
    }

    /** One lockstep tick: state at t → controller → setpoint → simulator to t + period. */
    void tick() {
        tick(0);
    }

    /** A tick that the runner reports as having missed {@code missedTicks} periods before it. */
    void tick(long missedTicks) {
        publishState();
        controller.tick(nowNs, nowNs, missedTicks, 0);
        double tilt = Quaternions.tilt(truth.attitudeNwuFlu);
        if (tilt > maxTiltRad) {
            maxTiltRad = tilt;
        }
        sim.advance(PERIOD_NS);
        nowNs += PERIOD_NS;
    }

    /** The loop does not run for {@code stallNs}: the autopilot holds the last setpoint meanwhile. */
    void stall(long stallNs) {
        sim.advance(stallNs);
        nowNs += stallNs;
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** IDLE on the ground (hovering at z = 0 in a simulator without ground), then take off on the PID. */
    void takeOff() {
        publishState();
        controller.tick(nowNs);
        inbox.submit(io.spikepilot.controller.supervisor.OperatorCommand.TAKEOFF);
        tick();
    }

    double distanceTo(double x, double y, double z) {
        sim.readState(truth);
        double dx = truth.positionNwuM[0] - x;
        double dy = truth.positionNwuM[1] - y;
        double dz = truth.positionNwuM[2] - z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
