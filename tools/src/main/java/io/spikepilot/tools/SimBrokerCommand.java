package io.spikepilot.tools;

import io.spikepilot.telemetry.EmbeddedBroker;
import io.spikepilot.tools.cli.CheckedOptions;
import io.spikepilot.tools.cli.OptionChecks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikepilot sim broker}: the demo's embedded MQTT broker as a process of its own, the ground side of a bench
 * where mosquitto is not installed. The soak runs it this way so that the broker's garbage is not the companion's.
 */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs an MQTT 3.1.1 broker (the embedded Moquette the demo uses) for bench tests.",
            "",
            "Anonymous clients, no persistence, messages up to 1 MiB; for a field network use mosquitto with the "
                    + "example ACL and TLS configuration in src/deploy/ instead. Prints one line with the URI when it "
                    + "listens, then runs until Ctrl-C, SIGTERM or --duration. E.g.:",
            "",
            "  spikepilot sim broker --port 1883",
            "  spikepilot fly ... --config flight.yaml    # telemetry.broker_uri: tcp://127.0.0.1:1883"})
public final class SimBrokerCommand implements Callable<Integer>, CheckedOptions {
    /** The first line printed once the broker accepts connections; the soak waits for it. */
    static final String LISTENING = "MQTT broker listening on ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "IP address to listen on (0.0.0.0 for every interface, ::1 for IPv6 loopback). Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "1883", description = "TCP port, 1 to 65535. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--duration", defaultValue = "0",
            description = "Stop after this many seconds; 0 runs until stopped. Default: ${DEFAULT-VALUE}")
    double durationS;

    @Override
    public void checkOptions() {
        OptionChecks.of(spec).listenAddress("--host", host).inRange("--port", port, 1, 65_535).inRange("--duration", durationS, 0, 1e7);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "broker-stop");
        try (EmbeddedBroker broker = new EmbeddedBroker(host, port)) {
            Runtime.getRuntime().addShutdownHook(hook);
            out.println(LISTENING + broker.uri());
            out.flush();
            if (durationS > 0) {
                stop.await((long) (durationS * 1e3), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
        }
        return 0;
    }
}
