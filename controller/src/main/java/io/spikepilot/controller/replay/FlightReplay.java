package io.spikepilot.controller.replay;

import io.spikepilot.controller.loop.FlightConfig;
import io.spikepilot.controller.loop.SetpointSink;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.policy.Policy;
import io.spikepilot.controller.record.TickRecord;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.controller.supervisor.OperatorCommand;

/**
 * Re-runs a recorded flight through a fresh controller ({@link Lockstep}): each recorded tick's operator command and
 * target are posted to the inbox, its state and link time are served by a {@link ReplayStateSource}, and the
 * controller is ticked with the recorded tick timing. A fault injected into the policy's output during the flight
 * (the demo's) is re-applied on the same ticks: the policy runs behind the lockstep's fault injection, whose switch
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
        SetpointSink sink = (nowNs, setpoint, mode) -> { };
        Lockstep lockstep = new Lockstep(config, policy, policyMatchesConfig, source, sink);
        ReplayComparison comparison = new ReplayComparison();
        TickRecord out = new TickRecord();
        for (TickRecord r : trace.rows()) {
            source.load(r);
            lockstep.fault().set(r.faultInjected);
            if (r.command != OperatorCommand.NONE.ordinal()) {
                lockstep.inbox().submit(OperatorCommand.ofOrdinal(r.command));
            }
            if (r.targetRequested) {
                lockstep.inbox().submitTarget(new TargetRequest(r.requestedTargetNwuM[0], r.requestedTargetNwuM[1],
                        r.requestedTargetNwuM[2], r.requestedYawRad));
            }
            lockstep.tick(r.nowNs, r.deadlineNs, r.missedTicks, r.previousTickNs, out);
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
