package io.spikepilot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as openssl writes them, and broken ones: each refusal names the file and what it expected. */
class BrokerTlsTest {
    @TempDir
    static Path dir;

    private static void openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @BeforeAll
    static void pki() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "1",
                "-subj", "/CN=test CA");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");
        openssl("req", "-x509", "-key", "ec.key", "-out", "ec.crt", "-days", "1", "-subj", "/CN=vehicle");
        openssl("genpkey", "-algorithm", "ED25519", "-out", "ed.key");
        openssl("req", "-x509", "-key", "ed.key", "-out", "ed.crt", "-days", "1", "-subj", "/CN=vehicle");
        openssl("pkey", "-in", "ca.key", "-traditional", "-out", "rsa-traditional.key");
        openssl("pkcs8", "-topk8", "-in", "ec.key", "-passout", "pass:x", "-out", "encrypted.key");
    }

    private static String refusal(Path ca, Path cert, Path key) {
        return assertThrows(IllegalArgumentException.class, () -> new BrokerTls(ca, cert, key)).getMessage();
    }

    @Test
    void aCaAloneOrWithAnRsaEcOrEd25519ClientKeyMakesAContext() {
        assertNotNull(new BrokerTls(dir.resolve("ca.crt"), null, null).socketFactory());
        assertNotNull(new BrokerTls(dir.resolve("ca.crt"), dir.resolve("ca.crt"), dir.resolve("ca.key"))
                .socketFactory());
        assertNotNull(new BrokerTls(dir.resolve("ca.crt"), dir.resolve("ec.crt"), dir.resolve("ec.key"))
                .socketFactory());
        assertNotNull(new BrokerTls(null, dir.resolve("ed.crt"), dir.resolve("ed.key")).socketFactory());
        assertEquals("CA " + dir.resolve("ca.crt") + ", client certificate " + dir.resolve("ec.crt"),
                new BrokerTls(dir.resolve("ca.crt"), dir.resolve("ec.crt"), dir.resolve("ec.key")).describe());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertEquals("MQTT TLS: a client certificate needs its private key and a key its certificate, found a "
                + "certificate without a key", refusal(null, dir.resolve("ec.crt"), null));
    }

    @Test
    void aTraditionalOrEncryptedKeyIsRefusedWithTheCommandThatConvertsIt() {
        String traditional = refusal(null, dir.resolve("ca.crt"), dir.resolve("rsa-traditional.key"));
        assertTrue(traditional.contains("found a traditional OpenSSL key (convert it: 'openssl pkcs8 -topk8 -nocrypt"),
                traditional);
        String encrypted = refusal(null, dir.resolve("ec.crt"), dir.resolve("encrypted.key"));
        assertTrue(encrypted.startsWith("MQTT TLS client key '" + dir.resolve("encrypted.key") + "': expected an "
                + "unencrypted PKCS#8 key, found an encrypted one"), encrypted);
    }

    @Test
    void truncatedAndCorruptFilesAreRefusedNamingTheFile() throws Exception {
        String ca = Files.readString(dir.resolve("ca.crt"));
        Path truncated = Files.writeString(dir.resolve("truncated.crt"), ca.substring(0, ca.length() / 2));
        String m = refusal(truncated, null, null);
        assertTrue(m.startsWith("MQTT TLS CA certificate '" + truncated + "': expected X.509 certificates in PEM, "
                + "found a corrupt one"), m);
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        assertEquals("MQTT TLS CA certificate '" + notPem + "': expected PEM with '-----BEGIN CERTIFICATE-----', "
                + "found none", refusal(notPem, null, null));
        String key = Files.readString(dir.resolve("ec.key"));
        Path cut = Files.writeString(dir.resolve("cut.key"), key.substring(0, key.indexOf("-----END")));
        assertEquals("MQTT TLS client key '" + cut + "': expected PEM between '-----BEGIN PRIVATE KEY-----' and "
                + "'-----END PRIVATE KEY-----', found no END line", refusal(null, dir.resolve("ec.crt"), cut));
        Path garbled = Files.writeString(dir.resolve("garbled.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n");
        assertTrue(refusal(null, dir.resolve("ec.crt"), garbled).endsWith("expected an RSA, EC or Ed25519 PKCS#8 "
                + "key, found 3 bytes that are none of those (truncated or corrupt?)"));
        Path missing = dir.resolve("missing.crt");
        assertTrue(refusal(missing, null, null).startsWith("MQTT TLS CA certificate '" + missing
                + "': cannot be read (NoSuchFileException"));
    }

    @Test
    void tlsFilesWithATcpBrokerAreRefused() {
        BrokerTls tls = new BrokerTls(dir.resolve("ca.crt"), null, null);
        String m = assertThrows(IllegalArgumentException.class, () -> new MqttTelemetry(
                new TelemetryConfig("tcp://127.0.0.1:1", "p", "v", 10, 10), new BrokerAccess(null, tls), null))
                .getMessage();
        assertEquals("telemetry: TLS files (CA " + dir.resolve("ca.crt") + ", no client certificate) expected an "
                + "ssl:// broker, found 'tcp://127.0.0.1:1'", m);
    }
}
