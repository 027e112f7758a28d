package io.spikepilot.tools;

import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.session.MavlinkLink;
import io.spikepilot.bridge.session.SessionConfig;
import io.spikepilot.bridge.session.SessionException;
import io.spikepilot.bridge.session.VehicleSession;
import io.spikepilot.bridge.state.LinkHealth;
import io.spikepilot.bridge.state.StateAssembler;
import io.spikepilot.bridge.tlog.TlogReader;
import io.spikepilot.bridge.tlog.TlogRecord;
import io.spikepilot.bridge.transport.Transport;
import io.spikepilot.bridge.transport.TransportException;
import io.spikepilot.bridge.transport.TransportUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.CliErrors;
import io.spikepilot.flight.ExitCode;
import io.spikepilot.tools.cli.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikepilot mavlink}: look at a MAVLink link or a .tlog without flying anything. */
@Command(name = "mavlink",
        mixinStandardHelpOptions = true,
        description = {"Inspects a MAVLink link or a .tlog flight log."},
        subcommands = {MavlinkCommand.Tlog.class, MavlinkCommand.Probe.class})
public final class MavlinkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String messageName(int messageId) {
        Class<?> type = MessageCatalog.standard().payloadClass(messageId);
        return type == null ? "unknown" : type.getSimpleName();
    }

    /** {@code spikepilot mavlink tlog FILE}. */
    @Command(name = "tlog",
            mixinStandardHelpOptions = true,
            description = {"Summarizes a .tlog: records per message, time span, link ids, corrupt bytes."})
    public static final class Tlog implements Callable<Integer>, CheckedOptions {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The .tlog file.")
        Path file;

        @Override
        public void checkOptions() {
            OptionChecks.of(spec).readableFile("FILE", file);
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<Integer, Long> counts = new TreeMap<>();
            long first = Long.MIN_VALUE;
            long last = Long.MIN_VALUE;
            int linkIds = 0;
            long signed = 0;
            try (TlogReader reader = TlogReader.open(file)) {
                TlogRecord record = new TlogRecord();
                while (reader.next(record)) {
                    counts.merge(record.frame.messageId(), 1L, Long::sum);
                    if (first == Long.MIN_VALUE) {
                        first = record.timestampUs;
                    }
                    last = record.timestampUs;
                    linkIds |= 1 << record.linkId;
                    if (record.frame.isSigned()) {
                        signed++;
                    }
                }
                if (reader.records() == 0) {
                    // an empty file is no flight log: a script that checks the exit status must hear about it
                    spec.commandLine().getErr().println("spikepilot mavlink tlog: " + file
                            + ": expected MAVLink .tlog records, found an empty file");
                    return ExitCode.BAD_INPUT;
                }
                out.printf("%s: %d records", file, reader.records());
                if (first != Long.MIN_VALUE) {
                    out.printf(", %s .. %s (%.3f s)", Instant.ofEpochMilli(first / 1000),
                            Instant.ofEpochMilli(last / 1000), (last - first) / 1e6);
                }
                out.println();
                out.printf("signed frames: %d, unknown messages: %d, corrupt bytes skipped: %d, truncated tail: %d "
                        + "bytes, link ids seen: %s%n", signed, reader.unknownFrames(), reader.badBytes()
                        - reader.truncatedTailBytes(), reader.truncatedTailBytes(), Integer.toBinaryString(linkIds));
                out.printf("%8s  %-28s %10s%n", "id", "message", "records");
                for (Map.Entry<Integer, Long> e : counts.entrySet()) {
                    out.printf("%8d  %-28s %10d%n", e.getKey(), messageName(e.getKey()), e.getValue());
                }
                out.flush();
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("spikepilot mavlink tlog: " + CliErrors.describe(e));
                return ExitCode.BAD_INPUT;
            }
        }
    }

    /** {@code spikepilot mavlink probe URL}. */
    @Command(name = "probe",
            mixinStandardHelpOptions = true,
            description = {"Connects, finds the autopilot and prints what it streams.",
                "Sends only the companion heartbeat; commands nothing."})
    public static final class Probe implements Callable<Integer>, CheckedOptions {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "URL",
                description = "udp://:14540, tcp://127.0.0.1:5760 or serial:///dev/ttyAMA0?baud=921600")
        String url;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
                description = "How long to measure message rates (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
                description = "How long to wait for the autopilot's heartbeat (default: ${DEFAULT-VALUE}).")
        long timeoutMs;

        @Override
        public void checkOptions() {
            OptionChecks.of(spec)
                    .parses("URL", url, FlyCommand::parseLink)
                    .atLeast("--seconds", seconds, 1)
                    .atLeast("--timeout-ms", timeoutMs, 1);
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Transport transport;
            try {
                transport = TransportUrl.open(url, System::nanoTime);
            } catch (TransportException e) {
                err.println("spikepilot mavlink probe: " + e.getMessage());
                return 2;
            }
            MavlinkLink link = new MavlinkLink(transport, new StateAssembler(0, 0), null,
                    System.currentTimeMillis() * 1000, System.nanoTime());
            VehicleSession session = new VehicleSession(link, new SessionConfig(), System::nanoTime);
            try {
                link.start();
                session.start();
                session.awaitAutopilot(timeoutMs);
                out.printf("autopilot: %s, system %d, component %d, custom mode %d, %s%n", session.autopilot(),
                        session.autopilotSystemId(), session.autopilotComponentId(), session.autopilotCustomMode(),
                        session.isArmed() ? "ARMED" : "disarmed");
                out.flush();
                Thread.sleep(seconds * 1000L);
                LinkHealth health = link.health();
                out.printf("link %s: %d frames, %d bad bytes, %d CRC failures, %d unknown, %d sequence gaps%n",
                        transport.describe(), health.framesAccepted(), health.badBytes(), health.crcFailures(),
                        health.unknownFrames(), health.sequenceGaps());
                out.printf("%8s  %-28s %8s%n", "id", "message", "rate Hz");
                for (int id = 0; id < (1 << 16); id++) {
                    float rate = health.rateHz(id);
                    if (rate > 0) {
                        out.printf("%8d  %-28s %8.1f%n", id, messageName(id), rate);
                    }
                }
                out.flush();
                return 0;
            } catch (TransportException e) {
                err.println("spikepilot mavlink probe: " + e.getMessage());
                return 2;
            } catch (SessionException e) {
                err.println("spikepilot mavlink probe: " + e.getMessage());
                return 1;
            } finally {
                session.close();
                link.close();
            }
        }
    }
}
