package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static io.spikepilot.telemetry.MqttTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's watch line, {@code mosquitto_sub -p 1883 -t 'spikepilot/#' -v}, run as written (only the port differs)
 * with Debian's real mosquitto client against the embedded broker the demo starts. mosquitto 2's clients connect with
 * an empty client id and a clean session, which a broker may accept (MQTT 3.1.1 §3.1.3.1); Moquette refuses it unless
 * told otherwise, and the user saw "identifier rejected".
 */
class MosquittoSubAgainstEmbeddedBrokerTest {
    private static final String MOSQUITTO_SUB = "/usr/bin/mosquitto_sub";

    @Test
    void readmeWatchLineReceivesTelemetryFromTheEmbeddedBroker() throws Exception {
        Assumptions.assumeTrue(new File(MOSQUITTO_SUB).canExecute(),
                "mosquitto_sub is not installed (apt-get install mosquitto-clients; .ci/run does this)");
        int port = MqttTestSupport.freePort();
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port);
             MqttTelemetry telemetry = new MqttTelemetry(
                     new TelemetryConfig(broker.uri(), "spikepilot", "demo", 10.0, 1000), null)) {
            Process sub = new ProcessBuilder(MOSQUITTO_SUB, "-p", Integer.toString(port), "-t", "spikepilot/#", "-v")
                    .redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process was destroyed: what it printed is in lines
                }
            }, "mosquitto_sub-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                assertTrue(await(telemetry::isConnected, 10_000), "publisher never connected to " + broker.uri());
                long tick = 0;
                boolean seen = false;
                // mosquitto_sub subscribes a moment after it starts: feed samples until one shows up
                for (long deadline = System.nanoTime() + 15_000_000_000L; System.nanoTime() < deadline && !seen; ) {
                    telemetry.accept(record(tick, tick * 100_000_000L));
                    tick++;
                    seen = await(() -> lines.stream().anyMatch(l -> l.startsWith("spikepilot/demo/telemetry/state {")),
                            100) || !sub.isAlive();
                }
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("spikepilot/demo/telemetry/state {\"ts_us\":")),
                        "mosquitto_sub printed: " + lines);
                assertTrue(await(() -> lines.stream().anyMatch(l -> l.equals("spikepilot/demo/status online")), 5_000),
                        "the retained status is delivered on subscribe; mosquitto_sub printed: " + lines);
            } finally {
                sub.destroy();
                reader.join(2_000);
            }
        }
    }
}
