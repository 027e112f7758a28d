package io.spikepilot.controller.replay;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.FlightController;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.policy.FaultInjectingPolicy;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.record.TickRing;
import io.spikepilot.controller.supervisor.OperatorCommand;

/**
 * Re-runs a recorded flight through a fresh {@link FlightController}: each recorded tick's operator command and
 * target are posted to the inbox, its state and link time are served by a {@link ReplayStateSource}, and the
 * controller is ticked with the recorded tick timing. A fault injected into the policy's output during the flight
 * (the demo's) is re-applied on the same ticks: the policy runs behind a {@link FaultInjectingPolicy} whose switch
 * follows the recorded {@code fault_injected} column. The record the replayed tick writes into its ring is compared
 * with the recorded one.
 *
 * <p>The recorded states are fed open loop: the vehicle (and the autopilot) are not re-simulated, so with another
 * policy the replay answers "what would it have commanded in these states", not "where would it have flown".
 */
public final class FlightReplay {
    private FlightReplay() {
    }

    /**
     * @param config              the flight configuration to rebuild the controller with
     * @param policy              a fresh, unwrapped policy instance (membranes at zero)
     * @param policyMatchesConfig passed to the controller as at the flight
     * @param trace               the recorded flight
     * @param replayed            receives every replayed record (e.g. a trace writer), or null
     * @return the tick-by-tick comparison
     */
    public static ReplayComparison run(FlightConfig config, Policy policy, boolean policyMatchesConfig,
                                       RecordedTrace trace, TickRecordConsumer replayed) throws Exception {
        ReplayStateSource source = new ReplayStateSource();
        OperatorInbox inbox = new OperatorInbox();
        TickRing ring = new TickRing(Math.max(2, Math.min(config.ringCapacity(), 1024)));
        TickRing.Reader reader = ring.reader();
        SetpointSink sink = (nowNs, setpoint, mode) -> { };
        FaultInjectingPolicy.Switch fault = new FaultInjectingPolicy.Switch();
        FlightController controller = new FlightController(config, new FaultInjectingPolicy(policy, fault),
                policyMatchesConfig, source, sink, inbox, ring);
        ReplayComparison comparison = new ReplayComparison();
        TickRecord out = new TickRecord();
        for (TickRecord r : trace.rows()) {
            source.load(r);
            fault.set(r.faultInjected);
            if (r.command != OperatorCommand.NONE.ordinal()) {
                inbox.submit(OperatorCommand.ofOrdinal(r.command));
            }
            if (r.targetRequested) {
                inbox.submitTarget(new TargetRequest(r.requestedTargetNwuM[0], r.requestedTargetNwuM[1],
                        r.requestedTargetNwuM[2], r.requestedYawRad));
            }
            controller.tick(r.nowNs, r.deadlineNs, r.missedTicks, r.previousTickNs);
            if (!reader.poll(out)) {
                throw new IllegalStateException("replay: the controller published no record for tick " + r.tick);
            }
            comparison.add(r, out);
            if (replayed != null) {
                replayed.accept(out);
            }
        }
        if (replayed != null) {
            replayed.caughtUp();
        }
        return comparison;
    }
}
