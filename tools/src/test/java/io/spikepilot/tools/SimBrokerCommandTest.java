package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimBrokerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SpikepilotCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void carriesAMessageBetweenTwoClientsAndStopsAfterItsDuration() throws Exception {
        int port = DemoCommand.freeTcpPort();
        int[] status = {-1};
        Thread broker = new Thread(() -> status[0] = run("sim", "broker", "--port", String.valueOf(port),
                "--duration", "4"));
        long t0 = System.nanoTime();
        broker.start();
        while (!out.toString().contains(SimBrokerCommand.LISTENING) && broker.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(out.toString().contains(SimBrokerCommand.LISTENING + "tcp://127.0.0.1:" + port), out + "" + err);
        String uri = "tcp://127.0.0.1:" + port;
        BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(1);
        MqttClient sub = new MqttClient(uri, "sub", new MemoryPersistence());
        MqttClient pub = new MqttClient(uri, "pub", new MemoryPersistence());
        try {
            sub.connect();
            sub.subscribe("bench/#", 1, (topic, message) -> got.offer(message.getPayload()));
            pub.connect();
            pub.publish("bench/x", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            byte[] payload = got.poll(5, TimeUnit.SECONDS);
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), payload);
        } finally {
            pub.disconnectForcibly(1000);
            sub.disconnectForcibly(1000);
            pub.close();
            sub.close();
        }
        broker.join(10_000);
        assertEquals(0, status[0], err.toString());
        assertTrue(System.nanoTime() - t0 >= 3_900_000_000L, "ran its --duration of 4 s");
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        assertEquals(2, run("sim", "broker", "--port", "70000"));
        assertTrue(err.toString().contains("--port expected an integer in [1, 65535], found 70000"), err.toString());
    }
}
