package io.spikepilot.tools;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.math.Quaternions;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;

/**
 * Compiles the tick before arming: a throwaway controller (its own policy instance, its own ring, no link) flies a
 * synthetic hover in simulated time, through take-off, shadow stepping and the SNN request, so the first real ticks
 * run compiled code instead of the interpreter's milliseconds.
 */
final class JitWarmup {
    private JitWarmup() {
    }

    /** Runs {@code ticks} ticks; returns the wall time it took, ns. */
    static long run(FlightConfig config, Policy throwawayPolicy, boolean policyMatches, int ticks) {
        VehicleState synthetic = new VehicleState();
        long[] now = {0};
        StateSource source = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                out.copyFrom(synthetic);
                return true;
            }

            @Override
            public long lastMessageNs() {
                return now[0];
            }
        };
        OperatorInbox inbox = new OperatorInbox();
        FlightController controller = new FlightController(config, throwawayPolicy, policyMatches, source,
                (t, sp, mode) -> { }, inbox, new TickRing(config.ringCapacity()));
        long start = System.nanoTime();
        long period = config.periodNs();
        for (int i = 0; i < ticks; i++) {
            double t = now[0] * 1e-9;
            synthetic.timeNs = now[0];
            synthetic.positionNwuM[0] = 0.05 * Math.sin(0.7 * t);
            synthetic.positionNwuM[2] = Math.min(1.0, 0.5 * t);
            synthetic.velocityNwuMps[0] = 0.035 * Math.cos(0.7 * t);
            Quaternions.fromEulerZyx(0.01 * Math.sin(2 * t), 0.01 * Math.cos(2 * t), 0, synthetic.attitudeNwuFlu);
            if (i == 1) {
                inbox.submit(OperatorCommand.TAKEOFF);
            } else if (i == 400) {
                inbox.submit(OperatorCommand.ENGAGE_SNN);
            }
            controller.tick(now[0]);
            now[0] += period;
        }
        return System.nanoTime() - start;
    }
}
