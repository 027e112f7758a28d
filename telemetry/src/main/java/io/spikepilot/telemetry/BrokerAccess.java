package io.spikepilot.telemetry;

/**
 * How the vehicle proves itself to the broker and checks the broker: credentials and TLS, either or both absent.
 *
 * @param credentials username and password, or null for an anonymous connection
 * @param tls         TLS settings for {@code ssl://} brokers, or null (an {@code ssl://} broker then uses the JDK's
 *                    default CAs and no client certificate)
 */
public record BrokerAccess(MqttCredentials credentials, BrokerTls tls) {
    /** Anonymous, no TLS settings. */
    public static final BrokerAccess ANONYMOUS = new BrokerAccess(null, null);

    /** For messages: who connects and with which TLS files; never the password. */
    public String describe() {
        return (credentials == null ? "anonymous" : credentials.toString())
                + (tls == null ? "" : ", TLS with " + tls.describe());
    }
}
