package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.loop.TargetRequest;
import io.spikepilot.controller.policy.Json;
import io.spikepilot.controller.supervisor.OperatorCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 10⁴ seeded hostile payloads straight into the validator: each one answered, nothing thrown, only valid ones act. */
class GroundCommandsFuzzTest {
    static final long SEED = 20_261_204L;
    static final int PAYLOADS = 10_000;
    private static final long NOW_MS = 1_718_000_000_000L;

    @Test
    void everyFuzzedPayloadIsAnsweredAndOnlyValidCommandsInsideTheLimitsAct() {
        OperatorInbox inbox = new OperatorInbox();
        long[] monoNs = {0};
        // 50 ms between payloads: ids age out of the duplicate memory as they would in a steady stream
        long[] unixMs = {NOW_MS};
        // the rate limit has its own test; here a second passes between payloads so every one is validated in full
        GroundCommands commands = new GroundCommands(inbox, 5_000, CommandLimits.defaults(), () -> unixMs[0],
                () -> monoNs[0] += 1_000_000_000L);
        commands.gateBy(MqttTestSupport.FLYING);
        commands.takeoffPoint(new double[] {0, 0, 0});
        CommandFuzz fuzz = new CommandFuzz(SEED, () -> unixMs[0]);
        int accepted = 0;
        for (int i = 0; i < PAYLOADS; i++) {
            unixMs[0] += 50;
            byte[] payload = fuzz.next();
            String ack = commands.handle(payload, i % 97 == 0);
            Map<?, ?> parsed = (Map<?, ?>) Json.parse(ack);
            assertEquals(3, parsed.size(), ack);
            Object ok = parsed.get("accepted");
            assertTrue(ok instanceof Boolean, ack);
            assertTrue(parsed.get("reason") instanceof String r && !r.isEmpty(), ack);
            TargetRequest target = inbox.pollTarget();
            OperatorCommand command = inbox.pollCommand();
            if ((Boolean) ok) {
                accepted++;
                assertTrue(target != null || command != OperatorCommand.NONE, ack);
            } else {
                assertEquals(null, target, ack);
                assertEquals(OperatorCommand.NONE, command, ack);
            }
            if (target != null) {
                CommandLimits l = commands.limits();
                assertTrue(Math.hypot(target.xNwuM(), target.yNwuM()) <= l.geofenceRadiusM(), target.toString());
                assertTrue(target.zNwuM() >= l.minAltitudeM() && target.zNwuM() <= l.maxAltitudeM(), target.toString());
            }
        }
        assertEquals(PAYLOADS, commands.accepted() + commands.refused());
        assertEquals(accepted, commands.accepted());
        // seed 20261204: the valid share (a fifth of the payloads, minus the out-of-limit targets) really acted
        assertTrue(accepted > 500 && accepted < 3_000, "accepted " + accepted);
    }
}
