package io.spikepilot.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.supervisor.OperatorCommand;
import org.junit.jupiter.api.Test;

/** The what-if operator: take-off on the first usable state, then the log's target, or else hold the start. */
class WhatIfPilotTest {
    private final OperatorInbox inbox = new OperatorInbox();
    private final WhatIfPilot pilot = new WhatIfPilot();
    private final double[] here = {1, 2, 3};

    @Test
    void takesOffOnTheFirstUsableStateOnly() {
        pilot.before(inbox, false, here, 0.1, null, Double.NaN);
        assertEquals(OperatorCommand.NONE, inbox.pollCommand());
        pilot.before(inbox, true, here, 0.1, null, Double.NaN);
        assertEquals(OperatorCommand.TAKEOFF, inbox.pollCommand());
        assertNull(inbox.pollTarget(), "no target on the take-off tick: IDLE ignores targets");
    }

    @Test
    void fliesTheLogsTargetAndPostsItOnlyWhenItChanges() {
        pilot.before(inbox, true, here, 0.1, null, Double.NaN);
        inbox.pollCommand();
        double[] target = {5, 6, 7};
        pilot.before(inbox, true, here, 0.1, target, 0.4);
        assertEquals(new TargetRequest(5, 6, 7, 0.4), inbox.pollTarget());
        pilot.before(inbox, true, here, 0.1, target, 0.4);
        assertNull(inbox.pollTarget());
        // a target without a heading keeps the vehicle's
        pilot.before(inbox, true, here, 0.1, new double[] {5, 6, 8}, Double.NaN);
        assertEquals(new TargetRequest(5, 6, 8, 0.1), inbox.pollTarget());
    }

    @Test
    void withoutALoggedTargetItHoldsWhereItTookOver() {
        pilot.before(inbox, true, here, 0.1, null, Double.NaN);
        pilot.before(inbox, true, here, 0.2, null, Double.NaN);
        assertEquals(new TargetRequest(1, 2, 3, 0.2), inbox.pollTarget());
        pilot.before(inbox, true, new double[] {9, 9, 9}, 0.3, null, Double.NaN);
        assertNull(inbox.pollTarget(), "held, not followed");
    }
}
