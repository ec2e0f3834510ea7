package org.osc.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the tests trust the servers they start, as a careful client would: the certificate files of those servers
 * ({@code data/tls/server.crt} of a generated certificate, or the configured one) are the trust anchors, read at each
 * handshake (a server writes its file when it starts, after the client is made), with the JDK's checks, host name
 * included. Nothing is trusted blindly.
 */
public final class TestTrust {

    private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();
    private static final SSLContext CONTEXT = context();

    private TestTrust() {
    }

    /** Trusts the certificates the PEM file holds (now or once it exists). */
    public static void trust(Path pemFile) {
        FILES.add(pemFile.toAbsolutePath());
    }

    /** @return the TLS context that trusts the files given to {@link #trust} */
    public static SSLContext context() {
        if (CONTEXT != null) {
            return CONTEXT;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new Anchors() }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return an HTTP client builder that trusts those files */
    public static HttpClient.Builder builder() {
        return HttpClient.newBuilder().sslContext(context());
    }

    /** @return a new HTTP client that trusts those files */
    public static HttpClient client() {
        return builder().build();
    }

    /** @return the certificates of a PEM file */
    public static Iterable<? extends Certificate> certificates(Path pemFile) throws IOException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IOException(pemFile + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager current() throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Path file : FILES) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    for (Certificate certificate : certificates(file)) {
                        store.setCertificateEntry("anchor-" + index++, certificate);
                    }
                } catch (IOException e) {
                    // being written: the next handshake reads it
                }
            }
            if (index == 0) {
                throw new CertificateException("no server certificate is trusted yet");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    /** Delegates to the JDK's PKIX checks over the current anchors. */
    private static final class Anchors extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            current().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            current().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
