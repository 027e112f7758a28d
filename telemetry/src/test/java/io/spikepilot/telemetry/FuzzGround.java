package io.spikepilot.telemetry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The fuzzing ground station as a process of its own (in the field it is another computer), so that what the loop
 * timing measures is the vehicle's cost of the fuzz, not the fuzzer's. Driven over stdin: {@code send <n>} publishes
 * the next n payloads of the seeded {@link CommandFuzz} (at most 200 unanswered at a time), waits for their answers
 * on {@code cmd/ack} and prints {@code acked <total>}; {@code quit} ends it.
 *
 * <p>Arguments: broker URI, CA, client certificate, key, credentials file, vehicle id, seed.
 */
public final class FuzzGround {
    private FuzzGround() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        BrokerAccess access = new BrokerAccess(MqttCredentials.fromFile(Path.of(args[4])),
                new BrokerTls(Path.of(args[1]), Path.of(args[2]), Path.of(args[3])));
        String vehicle = args[5];
        CommandFuzz fuzz = new CommandFuzz(Long.parseLong(args[6]), System::currentTimeMillis);
        MqttClient client = new MqttClient(uri, "fuzz-ground-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        access.credentials().applyTo(o);
        o.setSocketFactory(access.tls().socketFactory());
        client.connect(o);
        AtomicLong acks = new AtomicLong();
        client.subscribe("spikepilot/" + vehicle + "/cmd/ack", 1, (t, m) -> acks.incrementAndGet());
        String topic = "spikepilot/" + vehicle + "/cmd";
        long sent = 0;
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            int n = Integer.parseInt(line.substring("send ".length()).trim());
            for (int i = 0; i < n; i++) {
                while (sent - acks.get() > 200) {
                    Thread.sleep(1);
                }
                MqttMessage m = new MqttMessage(fuzz.next());
                m.setQos(0);
                client.publish(topic, m);
                sent++;
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (acks.get() < sent && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            System.out.println("acked " + acks.get());
        }
        client.disconnect();
        client.close();
    }
}
