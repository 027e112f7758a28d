package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.action.ActionSpace;
import io.spikepilot.controller.observation.ObservationBuilder;
import io.spikepilot.controller.snn.PolicyFile;
import io.spikepilot.controller.policy.PolicyMetadata;
import io.spikepilot.controller.record.TickTraceCsv;
import io.spikepilot.controller.snn.FixedPointNetwork;
import io.spikepilot.controller.snn.FixedPointQuantizer;
import io.spikepilot.controller.snn.PaperInit;
import io.spikepilot.controller.snn.QuantizationScales;
import io.spikepilot.controller.snn.ResetRule;
import io.spikepilot.controller.snn.SnnNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spikepilot replay} on flights recorded in lockstep with the simulated X500 (the same controller, policy
 * loader, config loader and trace writer as {@code fly}): the policy flown replays bit-identically, a tampered input
 * is found at its tick, another policy is a what-if, bad input exits 2.
 */
class ReplayCommandTest {
    private static final Path EXAMPLE = Path.of("..", "src", "config", "flight.yaml");
    private static final int TICKS = 1200;

    @TempDir
    static Path dir;
    private static Path config;
    private static Path fixedPolicy;
    private static Path floatPolicy;
    private static Path pidTrace;
    private static Path fixedTrace;
    private static Path faultTrace;
    /** The demo's fault (NaN output) while the policy flies the SNN channel, as at 30 s in the demo. */
    private static final int FAULT_FROM_TICK = 800;
    private static final int FAULT_TICKS = 5;

    private record Result(int status, String out, String err) {
    }

    private static Result replay(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Result(cli.execute(all), out.toString(), err.toString());
    }

    @BeforeAll
    static void recordFlights() throws Exception {
        config = dir.resolve("flight.yaml");
        Files.copy(EXAMPLE, config);
        SnnNetwork net = PaperInit.network(new int[] {18, 32, 16, 4}, 11L, ResetRule.SUBTRACT_DELAYED);
        PolicyMetadata meta = new PolicyMetadata(100, ObservationBuilder.LAYOUT_ID, ActionSpace.ATTITUDE,
                FlightConfigFile.load(config).flight().limits().toMetadata(), "x500",
                new PolicyMetadata.Provenance("test", 11L, "unknown"), Map.of());
        floatPolicy = dir.resolve("float.safetensors");
        PolicyFile.write(floatPolicy, net, meta);
        float[] in = new float[18];
        Arrays.fill(in, 1e-4f);
        float[][] mem = {new float[32], new float[16]};
        Arrays.fill(mem[0], 1e-4f);
        Arrays.fill(mem[1], 1e-4f);
        FixedPointNetwork fixed = FixedPointQuantizer.quantize(net, new QuantizationScales(in, 4_000_000, mem, 16));
        fixedPolicy = dir.resolve("fixed.safetensors");
        PolicyFile.write(fixedPolicy, fixed, meta);
        pidTrace = LockstepFlight.fly(config, "pid", dir.resolve("pid.trace.csv"), TICKS);
        fixedTrace = LockstepFlight.fly(config, fixedPolicy.toString(), dir.resolve("fixed.trace.csv"), TICKS);
        faultTrace = LockstepFlight.fly(config, "pid", dir.resolve("demo.trace.csv"), TICKS, FAULT_FROM_TICK,
                FAULT_TICKS);
    }

    @Test
    void thePidFlightReplaysBitIdentically() {
        Result r = replay("--trace", pidTrace.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains(TICKS + " ticks, bit-identical"), r.out());
        assertTrue(!r.out().contains("what-if"), r.out());
    }

    @Test
    void theFlightFlewEveryMode() throws Exception {
        List<String> rows = Files.readAllLines(pidTrace);
        assertTrue(rows.get(0).startsWith("#spikepilot-trace format=3 policy=pid config=sha256:"), rows.get(0));
        assertTrue(rows.stream().anyMatch(row -> row.contains(",SNN,PID,1,")), "the SNN channel took over");
        assertTrue(rows.stream().anyMatch(row -> row.contains(",PID,SNN,1,STATE_STALE")), "the dropout's fallback");
        assertTrue(rows.stream().anyMatch(row -> row.contains(",LAND,PID,1,")), "landing");
    }

    @Test
    void theFixedPointFlightReplaysBitIdenticallyAndTheReplayedTraceIsTheSameFile() throws Exception {
        Path out = dir.resolve("fixed.replayed.trace.csv");
        Result r = replay("--trace", fixedTrace.toString(), "--policy", fixedPolicy.toString(), "--config",
                config.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains(TICKS + " ticks, bit-identical"), r.out());
        assertEquals(Files.readString(fixedTrace), Files.readString(out));
    }

    @Test
    void aFlightWithTheDemosInjectedFaultReplaysBitIdenticallyThroughTheFallback() throws Exception {
        Result r = replay("--trace", faultTrace.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("note: the flight's policy was wrapped by FaultInjectingPolicy (the demo's fault "
                + "injection); the replay re-applies the fault on the " + FAULT_TICKS + " ticks the trace records it"),
                r.out());
        assertTrue(r.out().contains(TICKS + " ticks, bit-identical"), r.out());
    }

    @Test
    void theInjectedFaultIsRecordedAndCausesTheFallbackInItsFirstTick() throws Exception {
        List<String> rows = Files.readAllLines(faultTrace);
        int faultColumn = TickTraceCsv.columns().indexOf("fault_injected");
        int first = -1;
        int count = 0;
        for (int i = 2; i < rows.size(); i++) {
            if (rows.get(i).split(",", -1)[faultColumn].equals("1")) {
                first = first < 0 ? i - 2 : first;
                count++;
            }
        }
        assertEquals(FAULT_FROM_TICK, first);
        assertEquals(FAULT_TICKS, count);
        String faultRow = rows.get(2 + FAULT_FROM_TICK);
        assertTrue(faultRow.contains(",PID,SNN,1,POLICY_NON_FINITE"), faultRow);
    }

    @Test
    void withoutTheFaultRecordsTheSameTraceDivergesAtTheFault() throws Exception {
        // what a format-2 trace of the demo was: the wrapper named, the fault ticks not recorded
        List<String> lines = Files.readAllLines(faultTrace);
        int faultColumn = TickTraceCsv.columns().indexOf("fault_injected");
        lines.set(0, lines.get(0).replace("format=3", "format=2"));
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = new java.util.ArrayList<>(List.of(lines.get(i).split(",", -1)));
            cells.remove(faultColumn);
            lines.set(i, String.join(",", cells));
        }
        Path old = dir.resolve("format2-demo.trace.csv");
        Files.write(old, lines);
        Result r = replay("--trace", old.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals(1, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("this format-2 trace does not record when the fault was on"), r.out());
        assertTrue(r.out().contains("first divergence at tick " + FAULT_FROM_TICK + ", field "), r.out());
    }

    @Test
    void aTamperedVelocityIsFoundAtItsTick() throws Exception {
        List<String> lines = Files.readAllLines(pidTrace);
        int column = TickTraceCsv.columns().indexOf("state_vx_mps");
        String[] cells = lines.get(2 + 700).split(",", -1);
        cells[column] = Double.toString(Double.parseDouble(cells[column]) + 0.001);
        lines.set(2 + 700, String.join(",", cells));
        Path tampered = dir.resolve("tampered.trace.csv");
        Files.write(tampered, lines);
        Result r = replay("--trace", tampered.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals(1, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("first divergence at tick 700, field "), r.out());
    }

    @Test
    void theFloatNetworkInsteadOfTheFixedPointOneIsAWhatIf() {
        Result r = replay("--trace", fixedTrace.toString(), "--policy", floatPolicy.toString(), "--config",
                config.toString());
        assertEquals(1, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("what-if: flown with policy sha256:"), r.out());
        assertTrue(r.out().contains("mode would have differed on 0 of " + TICKS + " ticks"), r.out());
        assertTrue(r.out().contains("  action_0 "), r.out());
        assertTrue(r.out().contains("rms "), r.out());
    }

    @Test
    void anUntrainedNetworkInsteadOfThePidWouldNeverHaveFlown() {
        Result r = replay("--trace", pidTrace.toString(), "--policy", floatPolicy.toString(), "--config",
                config.toString());
        assertEquals(1, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("what-if: flown with policy pid, replayed with sha256:"), r.out());
        assertTrue(r.out().contains("  sent_thrust "), r.out());
        assertTrue(!r.out().contains("mode would have differed on 0 "), r.out());
    }

    @Test
    void anotherConfigurationIsNamed() throws Exception {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(config).replace("takeoff_height_m: ", "takeoff_height_m: 1"));
        Result r = replay("--trace", pidTrace.toString(), "--policy", "pid", "--config", other.toString());
        assertTrue(r.out().contains("is not the configuration the trace was flown with"), r.out());
        assertEquals(1, r.status(), r.out());
    }

    @Test
    void aTraceCutShortReplaysUpToTheBreak() throws Exception {
        String text = Files.readString(pidTrace);
        Path cut = dir.resolve("cut.trace.csv");
        Files.writeString(cut, text.substring(0, text.length() - 100));
        Result r = replay("--trace", cut.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("note: " + cut + ":" + (TICKS + 2) + ": the last line is cut short"), r.out());
        assertTrue(r.out().contains((TICKS - 1) + " ticks, bit-identical"), r.out());
    }

    @Test
    void aFormatOneTraceExitsTwo() throws Exception {
        List<String> lines = Files.readAllLines(pidTrace);
        Path old = dir.resolve("old.trace.csv");
        Files.write(old, lines.subList(1, 10));
        Result r = replay("--trace", old.toString(), "--policy", "pid", "--config", config.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("spikepilot replay: --trace: " + old + ":1: expected the format line"),
                r.err());
    }

    @Test
    void aMissingTraceExitsTwo() {
        Result r = replay("--trace", dir.resolve("nope.csv").toString(), "--policy", "pid", "--config",
                config.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--trace expected a file to read, found nothing at ")
                && r.err().contains("nope.csv"), r.err());
    }

    @Test
    void aBadPolicyFileExitsTwo() throws Exception {
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[] {1, 2, 3});
        Result r = replay("--trace", pidTrace.toString(), "--policy", junk.toString(), "--config", config.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("spikepilot replay: --policy: ") && r.err().contains("junk.safetensors"),
                r.err());
    }

    @Test
    void aBadConfigExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(config).replace("rate_hz: 100", "rate_hz: 5"));
        Result r = replay("--trace", pidTrace.toString(), "--policy", "pid", "--config", bad.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("rate"), r.err());
    }
}
