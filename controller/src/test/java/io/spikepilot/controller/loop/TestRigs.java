package io.spikepilot.controller.loop;

import io.spikepilot.controller.action.AttitudeLimits;
import io.spikepilot.controller.pid.PositionPidGains;
import io.spikepilot.controller.state.AttitudeSetpoint;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.FlightMode;
import io.spikepilot.controller.supervisor.SupervisorConfig;

/** Configurations and seams shared by the loop tests. */
final class TestRigs {
    static final long MS = 1_000_000L;
    static final long PERIOD_NS = 10 * MS;
    static final AttitudeLimits LIMITS = new AttitudeLimits(0.5, 0.1, 0.9, Math.toRadians(30), Math.toRadians(90));

    private TestRigs() {
    }

    /** 100 Hz; warm-up 50 ticks, agreement 10 ticks; envelope 0.6 rad, 5 m/s, 3 m. */
    static FlightConfig hundredHertz() {
        SupervisorConfig supervisor = SupervisorConfig.builder(PERIOD_NS).maxTiltRad(0.6).warmupTicks(50)
                .agreementTicks(10).agreementTiltRad(0.1).build();
        return new FlightConfig(100, LIMITS, PositionPidGains.px4Defaults(), supervisor, 1.0, 0.5, 0.05, 0.2, 0.4,
                1024);
    }

    /** A state source the test writes directly. */
    static final class ScriptedStateSource implements StateSource {
        final VehicleState state = new VehicleState();
        boolean received = true;
        long lastMessageNs;

        @Override
        public boolean readLatest(VehicleState out) {
            if (received) {
                out.copyFrom(state);
            }
            return received;
        }

        @Override
        public long lastMessageNs() {
            return lastMessageNs;
        }
    }

    /** Keeps the last setpoint sent. */
    static final class RecordingSink implements SetpointSink {
        final AttitudeSetpoint last = new AttitudeSetpoint();
        FlightMode lastMode;
        long sends;

        @Override
        public void send(long nowNs, AttitudeSetpoint setpoint, FlightMode mode) {
            last.copyFrom(setpoint);
            lastMode = mode;
            sends++;
        }
    }
}
