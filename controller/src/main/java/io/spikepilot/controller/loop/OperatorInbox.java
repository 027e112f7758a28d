package io.spikepilot.controller.loop;

import io.spikepilot.controller.supervisor.OperatorCommand;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Single-slot mailboxes from the operator's threads (CLI, signal handler, telemetry) to the loop. Writers may
 * allocate; the loop only swaps slots, so its side allocates nothing and never blocks. A newer command or target
 * replaces one not yet picked up.
 */
public final class OperatorInbox {
    private final AtomicInteger command = new AtomicInteger(OperatorCommand.NONE.ordinal());
    private final AtomicReference<TargetRequest> target = new AtomicReference<>();

    /** Posts a command for the next tick. */
    public void submit(OperatorCommand c) {
        command.set(c.ordinal());
    }

    /** Posts a new target for the next tick. */
    public void submitTarget(TargetRequest t) {
        target.set(t);
    }

    /** Loop side: takes the pending command, {@link OperatorCommand#NONE} if there is none. */
    public OperatorCommand pollCommand() {
        return OperatorCommand.ofOrdinal(command.getAndSet(OperatorCommand.NONE.ordinal()));
    }

    /** Loop side: takes the pending target, null if there is none. */
    public TargetRequest pollTarget() {
        return target.getAndSet(null);
    }
}
