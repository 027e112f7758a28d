package io.spikepilot.tools;

import io.spikepilot.flight.loop.LoopRunner;
import io.spikepilot.controller.loop.OperatorInbox;
import io.spikepilot.controller.record.TickRecordConsumer;
import io.spikepilot.telemetry.MqttTelemetry;
import io.spikepilot.telemetry.TelemetryConfig;
import io.spikepilot.tools.bench.GcEventLog;
import io.spikepilot.tools.bench.LoopGauges;
import io.spikepilot.tools.bench.SoakPlan;
import io.spikepilot.tools.bench.SoakSample;
import io.spikepilot.tools.bench.SoakSampler;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.spikepilot.flight.FlightRun;
import io.spikepilot.flight.FlightSettings;
import io.spikepilot.flight.FlyPolicy;
import io.spikepilot.flight.PreflightException;
import io.spikepilot.flight.record.HdrTickTimingRecorder;

/**
 * {@code spikepilot bench soak}: a long real-time flight of the whole pipeline ({@code fly}'s) against the virtual
 * PX4 in a process of its own, with MQTT telemetry to a broker in another (or one given), measuring what a long
 * flight does to the JVM: collections, the control thread's allocation per tick, missed ticks, wake-up lateness and the heap over time.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fly the whole pipeline in real time for a long time and measure the JVM under it.",
            "",
            "Starts the virtual PX4 (sim serve) and an MQTT broker (sim broker) as child processes, connects fly's "
                    + "pipeline to the vehicle over UDP with telemetry to the broker, takes off on the PID, hands over to the SNN and flies "
                    + "laps of a 1 m circle until --minutes are over, then lands. Every second it records the loop's "
                    + "ticks and missed ticks, the bytes the control thread allocated, wake-up lateness, the heap and "
                    + "the garbage collections (from the collectors' MXBean notifications) in soak.csv, every "
                    + "collection in gc.csv, and a summary in summary.txt. Exit status: 0 flown and landed, 1 the "
                    + "flight failed or did not land, 2 bad input, 3 refused to arm."})
public final class BenchSoakCommand implements Callable<Integer>, CheckedOptions {
    /** Steady flight starts this long after the take-off: the climb and the hand-over run their code paths first. */
    static final double WARM_UP_AFTER_TAKEOFF_S = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "30",
            description = "Flight time from the take-off to the landing command, minutes (0.2 to 600). "
                    + "Default: ${DEFAULT-VALUE}")
    double minutes;

    @Option(names = "--policy", defaultValue = "bundled",
            description = "Policy file to fly, 'bundled' for the shipped SNN, or 'pid'. Default: ${DEFAULT-VALUE}")
    String policy;

    @Option(names = "--config", description = "Flight configuration. Default: the shipped src/config/flight.yaml")
    Path config;

    @Option(names = "--out", description = "Output directory. Default: bench-runs/soak-<date-time>")
    Path out;

    @Option(names = "--broker", paramLabel = "child|URI", defaultValue = "child",
            description = "MQTT broker for the telemetry: 'child' starts the embedded one in a process of its own "
                    + "(as a ground station's or mosquitto would be: its garbage is not the companion's), or a "
                    + "tcp:// URI of a running one. Default: ${DEFAULT-VALUE}")
    String broker;

    @Option(names = "--warmup-ticks", defaultValue = "20000",
            description = "Ticks run to compile the loop before arming. Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    @Option(names = "--progress-every", defaultValue = "10",
            description = "Seconds between progress lines (1 to 3600). Default: ${DEFAULT-VALUE}")
    double progressEveryS;

    private FlightSettings settings;
    private FlyPolicy flyPolicy;
    private byte[] bundledPolicy;
    private byte[] configBytes;

    @Override
    public void checkOptions() throws PreflightException {
        OptionChecks check = OptionChecks.of(spec)
                .inRange("--minutes", minutes, 0.2, 600)
                .atLeast("--warmup-ticks", warmupTicks, 0)
                .inRange("--progress-every", progressEveryS, 1, 3600);
        if (!broker.equals("child")) {
            check.brokerUri("--broker", broker);
        }
        if (out != null) {
            check.creatableDirectory("--out", out);
        }
        if (config != null) {
            check.readableFile("--config", config);
            settings = FlightInputs.settings(check, "--config", config);
        } else {
            configBytes = DemoCommand.resource("/io/spikepilot/tools/" + DemoCommand.BUNDLED_CONFIG);
            settings = FlightConfigFile.parse("bundled " + DemoCommand.BUNDLED_CONFIG,
                    new String(configBytes, StandardCharsets.UTF_8));
        }
        if (policy.equals("bundled")) {
            bundledPolicy = DemoCommand.resource(DemoCommand.BUNDLED_POLICY);
            flyPolicy = DemoCommand.bundledPolicy(check, bundledPolicy, settings);
        } else {
            if (!policy.equals("pid")) {
                check.readableFile("--policy", Path.of(policy));
            }
            flyPolicy = FlightInputs.policy(check, "--policy", policy, settings);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out : Path.of("bench-runs",
                "soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunFolder.claim("--out", dir);
        if (configBytes != null) {
            Files.write(dir.resolve("flight.yaml"), configBytes);
        }
        if (bundledPolicy != null) {
            Files.write(dir.resolve("policy.safetensors"), bundledPolicy);
        }
        long t0 = System.nanoTime();
        int vfcPort = DemoCommand.freeUdpPort();
        int companionPort = DemoCommand.freeUdpPort();
        double flightS = minutes * 60;
        // the autopilot lives in its own JVM, as on a real vehicle: this JVM's collections are the companion's alone
        Process autopilot = SpikepilotProcess.launch(List.of("sim", "serve", "--link",
                "udp://127.0.0.1:" + vfcPort + "?remote=127.0.0.1:" + companionPort, "--status-every", "0",
                "--exit-after-flight", "--duration", String.valueOf((long) flightS + 600)),
                dir.resolve("autopilot.log"), false);
        String link = "udp://127.0.0.1:" + companionPort + "?remote=127.0.0.1:" + vfcPort;
        console.printf(Locale.ROOT, "spikepilot bench soak: %.1f min at %.0f Hz, %s%n  output: %s%n  virtual PX4 "
                + "(child process %d) on udp 127.0.0.1:%d%n", minutes, settings.flight().rateHz(), flyPolicy.describe(),
                dir.toAbsolutePath(), autopilot.pid(), vfcPort);
        Process brokerProcess = null;
        MqttTelemetry telemetry = null;
        try (GcEventLog gc = new GcEventLog()) {
            String brokerUri = broker;
            if (broker.equals("child")) {
                Path brokerLog = dir.resolve("broker.log");
                brokerProcess = SpikepilotProcess.launch(List.of("sim", "broker", "--port",
                        String.valueOf(DemoCommand.freeTcpPort())), brokerLog, false);
                brokerUri = awaitBroker(brokerProcess, brokerLog);
            }
            TelemetryConfig tc = new TelemetryConfig(brokerUri, "spikepilot", "soak", 10.0, 1000);
            telemetry = new MqttTelemetry(tc, null);
            console.println("  MQTT telemetry: " + brokerUri + (brokerProcess != null ? " (sim broker, child process "
                    + brokerProcess.pid() + ")" : "") + ", topics " + tc.topic("#"));
            SoakPlan plan = new SoakPlan(flightS, settings.flight().takeoffHeightM(), console);
            List<TickRecordConsumer> readers = new ArrayList<>();
            readers.add(telemetry);
            FlightRun run = new FlightRun(link, settings, flyPolicy, dir, plan, warmupTicks, UnaryOperator.identity(),
                    readers, new OperatorInbox());
            Sampling sampling = new Sampling(run, plan, gc, dir.resolve("soak.csv"), t0, console);
            Thread sampler = new Thread(sampling, "soak-sampler");
            sampler.setDaemon(true);
            sampler.start();
            console.println("  connecting, compiling the tick (" + warmupTicks + " warm-up ticks), pre-flight "
                    + "checks...");
            console.flush();
            String flightSummary;
            try {
                flightSummary = run.fly();
            } catch (PreflightException e) {
                err.println("spikepilot bench soak: refusing to arm: " + e.getMessage());
                return ExitCode.REFUSED;
            } catch (Exception e) {
                err.println("spikepilot bench soak: the flight failed: " + CliErrors.describe(e));
                return ExitCode.FAILURE;
            } finally {
                sampling.stop();
                sampler.join(5_000);
            }
            console.println(flightSummary);
            writeGcEvents(gc.events(), dir.resolve("gc.csv"));
            String summary = summarise(sampling, plan, gc, telemetry, t0);
            Files.writeString(dir.resolve("summary.txt"), summary);
            console.println();
            console.print(summary);
            console.flush();
            if (sampling.failure != null) {
                err.println("spikepilot bench soak: sampling failed: " + CliErrors.describe(sampling.failure));
                return ExitCode.FAILURE;
            }
            return plan.landed() ? ExitCode.OK : ExitCode.FAILURE;
        } finally {
            if (telemetry != null) {
                telemetry.close();
            }
            if (brokerProcess != null) {
                brokerProcess.destroy();
            }
            autopilot.destroy();
            if (!autopilot.waitFor(5, TimeUnit.SECONDS)) {
                autopilot.destroyForcibly();
            }
        }
    }

    /** The URI the child broker printed once it listens; fails when it exits or says nothing within 30 s. */
    private static String awaitBroker(Process broker, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(SimBrokerCommand.LISTENING)) {
                    return line.substring(SimBrokerCommand.LISTENING.length()).trim();
                }
            }
            if (!broker.isAlive()) {
                throw new IOException("the MQTT broker (sim broker) exited with status " + broker.exitValue()
                        + " before it listened; its output is in " + log);
            }
            Thread.sleep(100);
        }
        throw new IOException("the MQTT broker (sim broker) did not listen within 30 s; its output is in " + log);
    }

    /** The once-a-second sampler: CSV rows, progress lines, and the steady flight's window. */
    private final class Sampling implements Runnable, LoopGauges {
        private final FlightRun run;
        private final SoakPlan plan;
        private final SoakSampler sampler;
        private final Path csv;
        private final long t0;
        private final PrintWriter console;
        private final List<SoakSample> samples = new ArrayList<>();
        /** Lateness of the steady flight's ticks (after the warm-up, before the landing). */
        private final Histogram steadyLateness = new Histogram(1, HdrTickTimingRecorder.HIGHEST_NS, 3);
        private volatile boolean running = true;
        private volatile Throwable failure;
        private boolean steady;
        private Thread loop;

        Sampling(FlightRun run, SoakPlan plan, GcEventLog gc, Path csv, long t0, PrintWriter console) {
            this.run = run;
            this.plan = plan;
            this.sampler = new SoakSampler(this, gc);
            this.csv = csv;
            this.t0 = t0;
            this.console = console;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            try (BufferedWriter w = Files.newBufferedWriter(csv)) {
                w.write(SoakSample.CSV_HEADER);
                w.newLine();
                while (running && (run.loopThread() == null || run.tickTiming() == null)) {
                    Thread.sleep(50);
                }
                loop = run.loopThread();
                long next = System.nanoTime();
                long nextProgress = next;
                boolean last = false;
                while (!last) {
                    last = !running;
                    steady = inSteadyFlight();
                    SoakSample s = sampler.sample((System.nanoTime() - t0) * 1e-9);
                    synchronized (samples) {
                        samples.add(s);
                    }
                    w.write(s.csvRow());
                    w.newLine();
                    w.flush();
                    if (System.nanoTime() - nextProgress >= 0) {
                        progress(s);
                        nextProgress += (long) (progressEveryS * 1e9);
                    }
                    next += 1_000_000_000L;
                    long wait = next - System.nanoTime();
                    while (running && wait > 0) {
                        Thread.sleep(Math.min(50, wait / 1_000_000L + 1));
                        wait = next - System.nanoTime();
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        private boolean inSteadyFlight() {
            double airborne = plan.airborneAtS();
            if (Double.isNaN(airborne) || !Double.isNaN(plan.landAtS())) {
                return false;
            }
            return planTimeS() >= airborne + WARM_UP_AFTER_TAKEOFF_S;
        }

        private double planTimeS() {
            return plan.startNs() == 0 ? Double.NaN : (System.nanoTime() - plan.startNs()) * 1e-9;
        }

        private void progress(SoakSample s) {
            double flown = planTimeS();
            console.printf(Locale.ROOT, "  soak %s / %s flown: mode %s, %d ticks, %d missed, lateness p99 %.0f us "
                            + "(last second), heap %.0f MB, %d GCs (%d ms)%n",
                    clock(Double.isNaN(flown) ? 0 : flown), clock(minutes * 60), s.mode(), s.ticks(), s.missedTicks(),
                    s.latenessP99Us(), s.heapUsedBytes() / 1e6, s.gcCount(), s.gcPauseMs());
            console.flush();
        }

        List<SoakSample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        @Override
        public long ticks() {
            return run.loopRunner().ticks();
        }

        @Override
        public long missedTicks() {
            return run.loopRunner().missedTicks();
        }

        @Override
        public long loopThreadId() {
            return loop.getId();
        }

        @Override
        public String mode() {
            return run.mode().name();
        }

        @Override
        public Histogram latenessInterval() {
            Histogram h = run.tickTiming().latenessInterval();
            if (steady) {
                steadyLateness.add(h);
            }
            return h;
        }
    }

    private static String clock(double s) {
        long whole = (long) s;
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }

    /** The figures the soak exists for, over the steady flight (after the warm-up, until the landing command). */
    private String summarise(Sampling sampling, SoakPlan plan, GcEventLog gc, MqttTelemetry telemetry, long t0) {
        List<SoakSample> all = sampling.samples();
        double planOffsetS = (plan.startNs() - t0) * 1e-9;
        double steadyFromS = planOffsetS + plan.airborneAtS() + WARM_UP_AFTER_TAKEOFF_S;
        double steadyToS = planOffsetS + (Double.isNaN(plan.landAtS()) ? Double.POSITIVE_INFINITY : plan.landAtS());
        SoakSample first = null;
        SoakSample lastSample = null;
        for (SoakSample s : all) {
            // a sample taken after the loop thread ended has no allocation counter (-1)
            if (s.timeS() >= steadyFromS && s.timeS() <= steadyToS && s.loopAllocatedBytes() >= 0) {
                if (first == null) {
                    first = s;
                }
                lastSample = s;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "soak summary: %.1f min planned at %.0f Hz; take-off at %.1f s, SNN from "
                        + "%.1f s, landing command at %.1f s (soak time)%n", minutes, settings.flight().rateHz(),
                planOffsetS + plan.airborneAtS(), planOffsetS + plan.snnAtS(), planOffsetS + plan.landAtS()));
        if (first == null || lastSample == first) {
            sb.append("no steady flight to measure: the flight ended before ").append(WARM_UP_AFTER_TAKEOFF_S)
                    .append(" s after the take-off").append(System.lineSeparator());
            return sb.toString();
        }
        long ticks = lastSample.ticks() - first.ticks();
        long bytes = lastSample.loopAllocatedBytes() - first.loopAllocatedBytes();
        long missed = lastSample.missedTicks() - first.missedTicks();
        long uptimeAtT0 = GcEventLog.jvmUptimeMs() - (System.nanoTime() - t0) / 1_000_000L;
        int gcInFlight = 0;
        long pauseInFlightMs = 0;
        long longestMs = 0;
        for (GcEventLog.Event e : gc.events()) {
            double atS = (e.startMs() - uptimeAtT0) / 1e3;
            if (e.stoppedTheWorld() && atS >= first.timeS() && atS <= lastSample.timeS()) {
                gcInFlight++;
                pauseInFlightMs += e.durationMs();
                longestMs = Math.max(longestMs, e.durationMs());
            }
        }
        long heapMin = Long.MAX_VALUE;
        long heapMax = 0;
        for (SoakSample s : all) {
            if (s.timeS() >= first.timeS() && s.timeS() <= lastSample.timeS()) {
                heapMin = Math.min(heapMin, s.heapUsedBytes());
                heapMax = Math.max(heapMax, s.heapUsedBytes());
            }
        }
        Histogram late = sampling.steadyLateness;
        sb.append(String.format(Locale.ROOT, "steady flight %.1f s to %.1f s: %d ticks, %d missed (%.4f %%)%n",
                first.timeS(), lastSample.timeS(), ticks, missed, ticks == 0 ? 0 : 100.0 * missed / ticks));
        sb.append(String.format(Locale.ROOT, "control thread allocation: %d B over %d ticks = %.3f B/tick%n", bytes,
                ticks, ticks == 0 ? 0 : (double) bytes / ticks));
        sb.append(String.format(Locale.ROOT, "GC pauses during the steady flight: %d, %d ms in all, longest %d ms "
                + "(whole run: %d collections; every one in gc.csv)%n", gcInFlight, pauseInFlightMs, longestMs,
                gc.events().size()));
        sb.append(String.format(Locale.ROOT, "wake-up lateness (steady flight, coordinated-omission corrected): p50 "
                        + "%.1f us, p99 %.1f us, p99.9 %.1f us, p99.99 %.1f us, max %.1f us%n",
                late.getValueAtPercentile(50) / 1e3, late.getValueAtPercentile(99) / 1e3,
                late.getValueAtPercentile(99.9) / 1e3, late.getValueAtPercentile(99.99) / 1e3,
                late.getMaxValue() / 1e3));
        sb.append(String.format(Locale.ROOT, "heap used during the steady flight: %.1f to %.1f MB (soak.csv has it "
                + "every second)%n", heapMin / 1e6, heapMax / 1e6));
        sb.append(String.format(Locale.ROOT, "telemetry: %d samples published, %d dropped%n", telemetry.published(),
                telemetry.dropped()));
        sb.append(String.format(Locale.ROOT, "emergency landings of the supervisor (each followed by a new take-off): "
                + "%d%n", plan.emergencyLandings()));
        sb.append(String.format(Locale.ROOT, "steady_ticks=%d steady_missed=%d steady_bytes=%d gc_pauses_in_flight=%d "
                + "landed=%s emergency_landings=%d%n", ticks, missed, bytes, gcInFlight, plan.landed(),
                plan.emergencyLandings()));
        return sb.toString();
    }

    private static void writeGcEvents(List<GcEventLog.Event> events, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("jvm_uptime_ms,duration_ms,collector,action,cause");
            w.newLine();
            for (GcEventLog.Event e : events) {
                w.write(e.startMs() + "," + e.durationMs() + "," + e.collector() + "," + e.action() + "," + e.cause());
                w.newLine();
            }
        }
    }
}
