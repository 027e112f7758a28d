package io.spikepilot.telemetry;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Why a connection to the broker failed, in words an operator can act on: a refused login names the user and where
 * the credentials came from, a failed TLS handshake names the CA file it checked the broker against. Never the
 * password.
 */
final class ConnectFailure {
    private ConnectFailure() {
    }

    static String describe(Throwable e, String brokerUri, BrokerAccess access) {
        if (e instanceof MqttException m) {
            int code = m.getReasonCode();
            if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
                return "broker " + brokerUri + " refused the login (MQTT CONNACK code " + code + ", "
                        + (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION ? "bad user name or password"
                        : "not authorized") + ") for " + (access.credentials() == null
                        ? "an anonymous client: it needs a username and password (--mqtt-credentials or "
                                + MqttCredentials.USERNAME_ENV + "/" + MqttCredentials.PASSWORD_ENV + ")"
                        : access.credentials() + ": check the username and password");
            }
        }
        String tls = access.tls() == null ? "the JDK's default CAs (no --mqtt-ca given)" : access.tls().describe();
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return "TLS handshake with " + brokerUri + " failed: the broker's certificate is not signed by a "
                        + "trusted CA (checked against " + tls + "): " + c.getMessage();
            }
            if (c instanceof CertificateException && String.valueOf(c.getMessage()).contains("No subject alternative")) {
                return "TLS handshake with " + brokerUri + " failed: the broker's certificate does not name the host "
                        + "in the URI (" + c.getMessage() + ")";
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException || c instanceof SSLException) {
                return "TLS handshake with " + brokerUri + " failed (" + c.getMessage() + "; checked against " + tls
                        + "): is it a TLS listener, and does it require a client certificate (--mqtt-cert, --mqtt-key)?";
            }
            if (c instanceof ConnectException) {
                return "cannot reach MQTT broker " + brokerUri + " (" + c.getMessage() + ")";
            }
            if (c instanceof UnknownHostException) {
                return "MQTT broker host unknown in " + brokerUri + " (" + c.getMessage() + ")";
            }
        }
        Throwable root = e;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot reach MQTT broker " + brokerUri + " (" + (e == null ? "no reason given" : e.getMessage()
                + (root != e && root != null ? ": " + root.getMessage() : "")) + ")";
    }
}
