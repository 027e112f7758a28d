package io.spikepilot.telemetry;

import static io.spikepilot.telemetry.MqttTestSupport.await;
import static io.spikepilot.telemetry.MqttTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker contract against Debian's mosquitto (installed by .ci/run), plus what only a separate process can show:
 * the broker dying and coming back while the publisher keeps being fed.
 */
class MosquittoTelemetryTest extends MqttTelemetryBrokerContract {
    private static final String MOSQUITTO = "/usr/sbin/mosquitto";
    private static int port;
    private static Process broker;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(new File(MOSQUITTO).canExecute(),
                "mosquitto is not installed (apt-get install mosquitto; .ci/run does this)");
        port = MqttTestSupport.freePort();
        broker = startMosquitto(port);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.destroy();
        }
    }

    /** mosquitto 2 without a config file listens on loopback and allows anonymous clients. */
    private static Process startMosquitto(int port) throws Exception {
        Process p = new ProcessBuilder(MOSQUITTO, "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(await(() -> accepts(port), 10_000), "mosquitto did not open port " + port);
        return p;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    String brokerUri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Test
    void brokerRestartDropsSamplesMeanwhileAndPublishingResumes() throws Exception {
        int ownPort = MqttTestSupport.freePort();
        Process own = startMosquitto(ownPort);
        String uri = "tcp://127.0.0.1:" + ownPort;
        try (MqttTelemetry telemetry = new MqttTelemetry(new TelemetryConfig(uri, "fleet", "rs", 10, 1000), null)) {
            assertTrue(await(telemetry::isConnected, 10_000));
            own.destroy();
            own.waitFor();
            assertTrue(await(() -> !telemetry.isConnected(), 10_000), "publisher did not notice the broker died");
            long tick = 0;
            for (; tick < 50; tick++) {
                telemetry.accept(record(tick, tick * 10_000_000L));
            }
            assertEquals(15, telemetry.dropped(), "5 samples x 3 topics while the broker is down");
            own = startMosquitto(ownPort);
            assertTrue(await(telemetry::isConnected, 20_000), "publisher did not reconnect");
            try (MqttTestSupport.Recorder rec = new MqttTestSupport.Recorder(uri, "fleet/rs/telemetry/#")) {
                for (; tick < 100; tick++) {
                    telemetry.accept(record(tick, tick * 10_000_000L));
                }
                assertTrue(await(() -> rec.count("telemetry/state") == 5, 10_000),
                        "state samples after reconnect: " + rec.count("telemetry/state"));
            }
        } finally {
            own.destroy();
        }
    }
}
