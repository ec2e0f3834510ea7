package org.osc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How oscctl decides to trust an HTTPS server, from the connection's settings:
 * <ul>
 * <li>a pinned SHA-256 fingerprint ({@code --pin}, {@code OSC_PIN}, config {@code pin}): the server's certificate must
 * be that one, whoever signed it (the way to trust OSC's generated self-signed certificate);</li>
 * <li>otherwise the JDK's trust store plus the certificates of {@code --cacert} ({@code OSC_CACERT}, config
 * {@code cacert}), with the host name checked against the certificate;</li>
 * <li>{@code --insecure}: nothing is checked (a warning says so).</li>
 * </ul>
 */
final class ServerTrust {

    private ServerTrust() {
    }

    /**
     * @return the TLS context for the connection
     * @throws CliException (usage) when the CA file or the pin cannot be used
     */
    static SSLContext context(Connection connection) {
        X509ExtendedTrustManager manager;
        if (connection.insecure()) {
            manager = new Checking(chain -> { });
        } else if (connection.pin() != null) {
            String pin = normalize(connection.pin());
            manager = new Checking(chain -> {
                String served = fingerprint(chain[0]);
                if (!served.equals(pin)) {
                    throw new CertificateException("the server's certificate has the SHA-256 fingerprint " + served
                            + ", not the pinned " + pin);
                }
            });
        } else {
            manager = anyOf(defaults(), connection.cacert() == null ? null : fromFile(Path.of(connection.cacert())));
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { manager }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has TLS", e);
        }
    }

    /** @return the SHA-256 fingerprint of a certificate: upper-case hex pairs joined by colons */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /**
     * @return a fingerprint as a user gives it (any case, colons or not, an optional {@code sha256:} or
     *     {@code SHA256 Fingerprint=} prefix) in the form above
     * @throws CliException (usage) when it is not 32 bytes of hex
     */
    static String normalize(String pin) {
        String hex = pin.strip();
        int equals = hex.lastIndexOf('=');
        hex = equals >= 0 ? hex.substring(equals + 1) : hex;
        if (hex.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
            hex = hex.substring("sha256:".length());
        }
        hex = hex.replace(":", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw CliException.usage("the pin must be a SHA-256 fingerprint (64 hex digits, colons allowed), not '"
                    + pin + "'");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    private static X509ExtendedTrustManager defaults() {
        return managerOf(null);
    }

    private static X509ExtendedTrustManager fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw CliException.usage("the CA file " + file + " (--cacert) holds no PEM certificate");
            }
            return managerOf(store);
        } catch (IOException e) {
            throw CliException.usage("cannot read the CA file " + file + " (--cacert): " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CliException.usage("the CA file " + file + " (--cacert) is not a PEM certificate file: "
                    + e.getMessage());
        }
    }

    private static X509ExtendedTrustManager managerOf(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
    }

    /** Trusts a server when one of the managers does (each checks the host name too). */
    private static X509ExtendedTrustManager anyOf(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
        return new ServerOnly() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                try {
                    first.checkServerTrusted(chain, authType, engine);
                } catch (CertificateException e) {
                    if (second == null) {
                        throw e;
                    }
                    second.checkServerTrusted(chain, authType, engine);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                try {
                    first.checkServerTrusted(chain, authType, socket);
                } catch (CertificateException e) {
                    if (second == null) {
                        throw e;
                    }
                    second.checkServerTrusted(chain, authType, socket);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    first.checkServerTrusted(chain, authType);
                } catch (CertificateException e) {
                    if (second == null) {
                        throw e;
                    }
                    second.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
                if (second != null) {
                    all.addAll(List.of(second.getAcceptedIssuers()));
                }
                return all.toArray(X509Certificate[]::new);
            }
        };
    }

    /** A check of the server's chain alone (a pin, or none), without the host name. */
    interface ChainCheck {
        void check(X509Certificate[] chain) throws CertificateException;
    }

    /** A trust manager that applies a {@link ChainCheck} to servers and refuses clients. */
    static final class Checking extends ServerOnly {

        private final ChainCheck check;

        Checking(ChainCheck check) {
            this.check = check;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check.check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check.check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check.check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A trust manager of a client: it checks servers only and refuses to judge clients. */
    abstract static class ServerOnly extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("oscctl is no server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("oscctl is no server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("oscctl is no server");
        }
    }
}
