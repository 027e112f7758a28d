package io.spikepilot.tools;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.StateSource;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.DiskSpaceGuard;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.replay.TraceIdentity;
import io.spikepilot.controller.state.VehicleState;
import io.spikepilot.controller.supervisor.OperatorCommand;
import io.spikepilot.simulator.airframe.Airframes;
import io.spikepilot.simulator.vehicle.SimulatedVehicle;
import java.nio.file.Path;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.record.TraceFileWriter;
import io.spikepilot.flight.record.HandOverNarrator;

/** Flights recorded in lockstep with the simulated X500 through the same loaders and trace writer as {@code fly}. */
final class LockstepFlight {
    private LockstepFlight() {
    }

    /**
     * Flies the policy in lockstep with the simulated X500 at the config's rate: idle, take-off, a new target, the
     * SNN requested, a 60 ms state dropout, an overrun, landing. The trace (and the network's activity beside it)
     * goes through {@link TraceFileWriter}.
     */
    static Path fly(Path config, String policySpec, Path traceFile, int ticks) throws Exception {
        return fly(config, policySpec, traceFile, ticks, -1, 0);
    }

    /**
     * The same flight with the demo's fault injection: the policy is wrapped as the demo wraps it, and its output is
     * NaN for {@code faultTicks} ticks from tick {@code faultFromTick} (none when negative).
     */
    static Path fly(Path config, String policySpec, Path traceFile, int ticks, int faultFromTick, int faultTicks)
            throws Exception {
        FlightSettings settings = FlightConfigFile.load(config);
        FlightConfig flight = settings.flight();
        FlyPolicy policy = FlyPolicy.load(policySpec, flight);
        SimulatedVehicle sim = new SimulatedVehicle(Airframes.x500());
        sim.resetHovering(0, 0, 0, 0);
        VehicleState published = new VehicleState();
        boolean[] fresh = {false};
        long[] lastRx = {StateSource.NO_MESSAGE};
        StateSource source = new StateSource() {
            @Override
            public boolean readLatest(VehicleState out) {
                if (fresh[0]) {
                    out.copyFrom(published);
                }
                return fresh[0];
            }

            @Override
            public long lastMessageNs() {
                return lastRx[0];
            }
        };
        SetpointSink sink = (now, setpoint, mode) -> sim.apply(setpoint);
        OperatorInbox inbox = new OperatorInbox();
        TickRing ring = new TickRing(flight.ringCapacity());
        TickRing.Reader reader = ring.reader();
        FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
        Policy flying = faultFromTick < 0 ? policy.newInstance()
                : new FaultInjectingPolicy(policy.newInstance(), fault);
        String policyId = faultFromTick < 0 ? policy.identity()
                : TraceIdentity.wrapped(policy.identity(), flying.getClass().getSimpleName());
        FlightController controller = new FlightController(flight, flying, policy.matchesConfig(), source, sink,
                inbox, ring);
        long period = flight.periodNs();
        long now = 5_000_000_000L;
        TickRecord r = new TickRecord();
        try (TraceFileWriter trace = new TraceFileWriter(traceFile, policyId, TraceIdentity.of(flight),
                new HandOverNarrator(flight.supervisor()), new DiskSpaceGuard(traceFile.toAbsolutePath().getParent(),
                        1 << 20, reason -> {
                            throw new AssertionError(reason);
                        }), controller.activityLayout())) {
            for (int tick = 0; tick < ticks; tick++) {
                switch (tick) {
                    case 20 -> inbox.submit(OperatorCommand.TAKEOFF);
                    case 400 -> inbox.submitTarget(new TargetRequest(0.5, 0.2, 1.5, 0.2));
                    case 600 -> inbox.submit(OperatorCommand.ENGAGE_SNN);
                    case 1000 -> inbox.submit(OperatorCommand.LAND);
                    default -> { }
                }
                if (tick < 850 || tick >= 856) {
                    sim.readState(published);
                    published.timeNs = now - 1_500_000L;
                    fresh[0] = true;
                    lastRx[0] = now - 700_000L;
                }
                fault.set(faultFromTick >= 0 && tick >= faultFromTick && tick < faultFromTick + faultTicks);
                long missed = tick == 900 ? 1 : 0;
                controller.tick(now, now - (tick % 7) * 1000L, missed, 150_000L + 10 * tick);
                while (reader.poll(r)) {
                    trace.accept(r);
                }
                sim.advance(period * (1 + missed));
                now += period * (1 + missed);
            }
        }
        return traceFile;
    }

}
