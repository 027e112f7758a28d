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
 * the next n payloads of the seeded {@link CommandFuzz} at QoS 0, as fast as the connection takes them, and prints
 * {@code sent <total>}; {@code send-paced <n>} does the same with at most 200 sent and not yet answered (for a vehicle
 * that answers every one: the broker queues at most 1000 QoS 1 answers for a slow reader and drops the rest);
 * {@code send-500 <n>} sends at 500 a second, a flood at 250 times the shipped rate limit; {@code acks} prints
 * {@code acks <answers received on cmd/ack>}; {@code quit} ends it.
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
            if (line.equals("acks")) {
                System.out.println("acks " + acks.get());
                continue;
            }
            boolean paced = line.startsWith("send-paced ");
            boolean at500 = line.startsWith("send-500 ");
            int n = Integer.parseInt(line.substring(line.indexOf(' ') + 1).trim());
            long startNs = System.nanoTime();
            for (int i = 0; i < n; i++) {
                while (paced && sent - acks.get() > 200) {
                    Thread.sleep(1);
                }
                while (at500 && System.nanoTime() - startNs < i * 2_000_000L) {
                    Thread.sleep(1);
                }
                MqttMessage m = new MqttMessage(fuzz.next());
                m.setQos(0);
                client.publish(topic, m);
                sent++;
            }
            System.out.println("sent " + sent);
        }
        client.disconnect();
        client.close();
    }
}
