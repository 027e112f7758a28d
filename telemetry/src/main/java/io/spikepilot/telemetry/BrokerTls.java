package io.spikepilot.telemetry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the broker from PEM files, with the JDK alone: the CA that signed the broker's certificate (trusted instead
 * of the JDK's public CAs, so a field broker's private CA works and nothing else does), and optionally the vehicle's
 * own certificate and private key for brokers that require client certificates. Keys are unencrypted PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} writes; RSA, EC or Ed25519), protected by file
 * permissions. Everything is read and checked when this is made, so a bad file is reported before the flight.
 */
public final class BrokerTls {
    private static final int MAX_PEM_BYTES = 1 << 20;
    private final Path caPem;
    private final Path certPem;
    private final SSLSocketFactory socketFactory;

    /**
     * @param caPem   the broker's CA certificate(s), PEM; null: the JDK's default trust store
     * @param certPem the client certificate (chain), PEM; null for none (then {@code keyPem} must be null too)
     * @param keyPem  the client certificate's private key, PKCS#8 PEM
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public BrokerTls(Path caPem, Path certPem, Path keyPem) {
        if ((certPem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("MQTT TLS: a client certificate needs its private key and a key its "
                    + "certificate, found " + (certPem == null ? "a key without a certificate"
                    : "a certificate without a key"));
        }
        this.caPem = caPem;
        this.certPem = certPem;
        try {
            TrustManagerFactory tmf = null;
            if (caPem != null) {
                KeyStore trust = emptyStore();
                int i = 0;
                for (Certificate c : certificates(caPem, "CA certificate")) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (certPem != null) {
                Collection<? extends Certificate> chain = certificates(certPem, "client certificate");
                PrivateKey key = privateKey(keyPem);
                KeyStore keys = emptyStore();
                char[] storePassword = new char[0];
                keys.setKeyEntry("client", key, storePassword, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, storePassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            socketFactory = context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("MQTT TLS: cannot build the TLS context from " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static String read(Path file, String what) {
        try {
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw new IllegalArgumentException("MQTT TLS " + what + " '" + file + "': expected at most "
                        + MAX_PEM_BYTES + " bytes of PEM, found " + Files.size(file));
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("MQTT TLS " + what + " '" + file + "': cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file, String what) {
        String pem = read(file, what);
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("MQTT TLS " + what + " '" + file + "': expected PEM with "
                    + "'-----BEGIN CERTIFICATE-----', found none");
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("MQTT TLS " + what + " '" + file + "': expected X.509 certificates "
                    + "in PEM, found a corrupt one (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem = read(file, "client key");
        String where = "MQTT TLS client key '" + file + "': ";
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + "expected an unencrypted PKCS#8 key, found an encrypted one "
                    + "(decrypt it with 'openssl pkcs8 -in <key> -out <new key>' and protect it with chmod 600)");
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException(where + "expected a PKCS#8 key ('-----BEGIN PRIVATE KEY-----'), found "
                    + "a traditional OpenSSL key (convert it: 'openssl pkcs8 -topk8 -nocrypt -in <key> -out <new key>')");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(where + "expected PEM between '" + begin + "' and '" + end
                    + "', found " + (from < 0 ? "no BEGIN line" : "no END line"));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "expected base64 between the PEM lines, found corrupt text", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // the next one; PKCS#8 names its algorithm inside, but KeyFactory wants to be told
            }
        }
        throw new IllegalArgumentException(where + "expected an RSA, EC or Ed25519 PKCS#8 key, found "
                + der.length + " bytes that are none of those (truncated or corrupt?)");
    }

    /** Sockets for Paho's {@code ssl://} connections. */
    SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    /** Whether the JDK's default CAs are trusted rather than a given CA file. */
    boolean usesDefaultTrust() {
        return caPem == null;
    }

    /** The files, for messages: e.g. {@code CA /etc/spikepilot/ca.crt, client certificate /etc/...}. */
    public String describe() {
        return (caPem == null ? "the JDK's default CAs" : "CA " + caPem)
                + (certPem == null ? ", no client certificate" : ", client certificate " + certPem);
    }
}
