package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.OperatorInbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10⁴ seeded fuzzed commands from a ground station (its own process, see {@link FuzzGround}), through the shipped
 * TLS + password + ACL mosquitto, to a vehicle whose flight loop runs at 100 Hz meanwhile: the vehicle sees every
 * payload and refuses or accepts each, every answer it gives reaches the ground, it stays connected, nothing fails;
 * against the shipped limits the loop's timing under the fuzz is as without it. Quiet and fuzzed windows alternate,
 * five of each, so both share whatever else the machine is doing.
 */
class CommandFuzzOverMqttTest {
    private static final int ROUNDS = 5;

    @Test
    void tenThousandFuzzedCommandsAgainstTheShippedLimitsAreAllAnsweredAndTheLoopKeepsItsTiming(@TempDir Path dir)
            throws Exception {
        // as shipped: 2 commands/s in bursts of 5, so all but a few of a flood at 500/s are refused for the rate, the
        // first of each streak with an answer and the rest unread
        Result r = fuzz(dir, "send-500", inbox -> new GroundCommands(inbox, 5_000, CommandLimits.defaults(),
                System::currentTimeMillis, System::nanoTime));
        assertTrue(r.commands.refused() > GroundCommandsFuzzTest.PAYLOADS - 100, "refused " + r.commands.refused());
        // over the rate, one answer per streak: the flood is not echoed back
        assertTrue(r.commands.answered() < GroundCommandsFuzzTest.PAYLOADS / 10, "answered " + r.commands.answered());
        LoopTimingAssertions.assertUnchanged(r.rig, r.quiet.name(), r.quietWindows, r.fuzzed.name(),
                r.fuzzWindows);
    }

    @Test
    void tenThousandFuzzedCommandsEachMeetingTheWholeValidationAreAllAnswered(@TempDir Path dir) throws Exception {
        // the worst case for the vehicle: the rate limit's clock moves a second per message, so no payload is
        // refused for the rate and every one is decoded, parsed and checked field by field
        long[] monoNs = {0};
        Result r = fuzz(dir, "send-paced", inbox -> new GroundCommands(inbox, 5_000, CommandLimits.defaults(),
                System::currentTimeMillis, () -> monoNs[0] += 1_000_000_000L));
        assertTrue(r.commands.accepted() > 100, "the valid share was accepted: " + r.commands.accepted());
        assertEquals(GroundCommandsFuzzTest.PAYLOADS, r.commands.answered(), "every payload answered");
        // measured and reported (BENCHMARKS.md), not compared: about a thousand TLS messages a second each way,
        // fully parsed, take CPU from the loop's own process on a 2-core machine
        System.out.println("loop timing " + r.quiet);
        LoopTimingAssertions.assertKeptTicking(r.fuzzed);
    }

    private record Result(GroundCommands commands, LoopRig rig, List<LoopRig.Mark> quietWindows,
                          List<LoopRig.Mark> fuzzWindows, LoopRig.Phase quiet, LoopRig.Phase fuzzed) {
    }

    /**
     * @param send the ground's command (see FuzzGround): {@code send-500} floods at 500 a second, {@code send-paced}
     *             as fast as the vehicle answers
     */
    private static Result fuzz(Path dir, String send,
                               java.util.function.Function<OperatorInbox, GroundCommands> vehicleSide)
            throws Exception {
        try (FieldBroker broker = new FieldBroker(dir)) {
            OperatorInbox inbox = new OperatorInbox();
            GroundCommands commands = vehicleSide.apply(inbox);
            commands.gateBy(MqttTestSupport.FLYING);
            TelemetryConfig config = new TelemetryConfig(broker.uri(), "spikepilot", "vehicle-1", 10, 1000);
            Process ground = null;
            try (MqttTelemetry vehicle = new MqttTelemetry(config, broker.access("vehicle-1"), commands);
                 LoopRig rig = new LoopRig(vehicle, inbox).start()) {
                assertTrue(await(vehicle::isConnected, 15_000), vehicle.lastConnectError());
                ground = startGround(broker, dir);
                BufferedReader groundOut = new BufferedReader(new InputStreamReader(ground.getInputStream(),
                        StandardCharsets.UTF_8));
                PrintWriter groundIn = new PrintWriter(ground.getOutputStream(), true, StandardCharsets.UTF_8);
                assertEquals("ready", groundOut.readLine());
                Thread.sleep(2_000); // JIT, and the take-off that goto targets are relative to
                List<LoopRig.Mark> quiet = new ArrayList<>();
                List<LoopRig.Mark> fuzzed = new ArrayList<>();
                int perRound = GroundCommandsFuzzTest.PAYLOADS / ROUNDS;
                for (int round = 1; round <= ROUNDS; round++) {
                    LoopRig.Mark q = rig.mark("quiet");
                    Thread.sleep(2_000);
                    q.end();
                    quiet.add(q);
                    LoopRig.Mark f = rig.mark("fuzz");
                    groundIn.println(send + " " + perRound);
                    assertEquals("sent " + round * perRound, groundOut.readLine());
                    long seen = (long) round * perRound;
                    assertTrue(await(() -> commands.accepted() + commands.refused() == seen, 30_000),
                            "the vehicle saw " + (commands.accepted() + commands.refused()) + " of " + seen);
                    f.end();
                    fuzzed.add(f);
                }
                // every answer the vehicle gave reached the ground station, and no more
                long[] groundAcks = {-1};
                assertTrue(await(() -> {
                    groundIn.println("acks");
                    try {
                        groundAcks[0] = Long.parseLong(groundOut.readLine().substring("acks ".length()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return groundAcks[0] == commands.answered();
                }, 10_000), "the ground got " + groundAcks[0] + " answers of " + commands.answered());
                groundIn.println("quit");
                LoopRig.Phase quietPhase = rig.pooled("without fuzz (5 x 2 s)", quiet);
                LoopRig.Phase fuzzPhase = rig.pooled("under 10^4 fuzzed commands (5 x 2000)", fuzzed);
                System.out.printf("fuzz over mqtt: %d accepted, %d refused, %d answered, %.1f s of fuzz (%.0f "
                        + "commands/s)%n", commands.accepted(), commands.refused(), commands.answered(),
                        fuzzPhase.seconds(),
                        GroundCommandsFuzzTest.PAYLOADS / fuzzPhase.seconds());
                assertEquals(GroundCommandsFuzzTest.PAYLOADS, commands.accepted() + commands.refused());
                assertTrue(vehicle.isConnected());
                assertEquals(1, vehicle.connections(), "the vehicle stayed connected throughout");
                assertEquals(0, rig.drainerErrors());
                return new Result(commands, rig, quiet, fuzzed, quietPhase, fuzzPhase);
            } finally {
                if (ground != null) {
                    ground.destroy();
                }
            }
        }
    }

    private static Process startGround(FieldBroker broker, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = MosquittoProcess.elsewhere(java, "-Xmx256m", "-cp", classpath,
                FuzzGround.class.getName(), broker.uri(), broker.ca().toString(), broker.cert("ground-1").toString(),
                broker.key("ground-1").toString(), broker.credentials("ground-1",
                        FieldBroker.PASSWORDS.get("ground-1")).toString(), "vehicle-1",
                Long.toString(GroundCommandsFuzzTest.SEED));
        return new ProcessBuilder(command).redirectError(dir.resolve("fuzz-ground.log").toFile()).start();
    }
}
