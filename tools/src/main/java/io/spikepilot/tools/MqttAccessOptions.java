package io.spikepilot.tools;

import io.spikepilot.telemetry.BrokerAccess;
import io.spikepilot.telemetry.BrokerTls;
import io.spikepilot.telemetry.MqttCredentials;
import io.spikepilot.tools.cli.OptionChecks;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The broker login and TLS options of {@code fly} and {@code demo}. The password never is an option (the process
 * list and the shell history would show it): it comes from a file or from the environment.
 */
public final class MqttAccessOptions {
    @Option(names = "--mqtt-credentials",
            description = "File holding the broker login as two lines, username=<name> and password=<secret>, "
                    + "readable by its owner only (chmod 600). Without it, the environment variables "
                    + MqttCredentials.USERNAME_ENV + " and " + MqttCredentials.PASSWORD_ENV + " are used when set; "
                    + "without either, the client connects anonymously.")
    Path credentials;

    @Option(names = "--mqtt-ca",
            description = "The CA certificate (PEM) that signed an ssl:// broker's certificate; it is trusted "
                    + "instead of the JDK's public CAs. Default: the JDK's public CAs.")
    Path ca;

    @Option(names = "--mqtt-cert",
            description = "This vehicle's client certificate (PEM) for an ssl:// broker that requires one; needs "
                    + "--mqtt-key.")
    Path cert;

    @Option(names = "--mqtt-key",
            description = "The private key of --mqtt-cert: unencrypted PKCS#8 PEM (what openssl genpkey writes), "
                    + "readable by its owner only.")
    Path key;

    /**
     * Checks the options against the broker and loads what they name.
     *
     * @param brokerOption the option naming the broker, for messages
     * @param brokerUri    the broker, or null when MQTT is off or the embedded (anonymous, loopback) broker is used
     * @param environment  where {@link MqttCredentials#USERNAME_ENV} and {@link MqttCredentials#PASSWORD_ENV} are
     */
    BrokerAccess check(OptionChecks check, String brokerOption, String brokerUri, Map<String, String> environment) {
        String[] names = {"--mqtt-credentials", "--mqtt-ca", "--mqtt-cert", "--mqtt-key"};
        Path[] files = {credentials, ca, cert, key};
        for (int i = 0; i < files.length; i++) {
            if (files[i] != null) {
                check.readableFile(names[i], files[i]);
                check.require(brokerUri != null, names[i] + " needs " + brokerOption + " with an external broker "
                        + "(tcp://host:port or ssl://host:port)");
                check.require(i == 0 || brokerUri.startsWith("ssl://"), names[i] + " needs an ssl:// broker, found "
                        + brokerOption + " " + brokerUri);
            }
        }
        check.require((cert == null) == (key == null), cert == null ? "--mqtt-key needs --mqtt-cert (the certificate "
                + "of that key)" : "--mqtt-cert needs --mqtt-key (its private key)");
        if (brokerUri == null) {
            return BrokerAccess.ANONYMOUS;
        }
        MqttCredentials login = null;
        if (credentials != null) {
            check.require(!environment.containsKey(MqttCredentials.USERNAME_ENV)
                    && !environment.containsKey(MqttCredentials.PASSWORD_ENV), "--mqtt-credentials and the "
                    + "environment variables " + MqttCredentials.USERNAME_ENV + "/" + MqttCredentials.PASSWORD_ENV
                    + " are both set: give the login one way only");
            login = load(check, "--mqtt-credentials", () -> MqttCredentials.fromFile(credentials));
        } else {
            login = load(check, "the environment", () -> MqttCredentials.fromEnvironment(environment));
        }
        BrokerTls tls = ca == null && cert == null ? null
                : load(check, ca != null ? "--mqtt-ca" : "--mqtt-cert", () -> new BrokerTls(ca, cert, key));
        return new BrokerAccess(login, tls);
    }

    private static <T> T load(OptionChecks check, String option, java.util.function.Supplier<T> loader) {
        try {
            return loader.get();
        } catch (IllegalArgumentException e) {
            throw check.bad(option + ": " + e.getMessage());
        }
    }
}
