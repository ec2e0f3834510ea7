package org.osc.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Jetty server with a TLS connector set up from {@link ServerTls#jettyProperties()}, as Felix sets it up,
 * and the connector {@link JettyKeystoreReload} hands Felix: a client that opens a new connection without pause
 * sees the first certificate, then the second once its files are swapped, and never a refused connection; the
 * HTTP server's configuration is not touched (no restart).
 */
class JettyKeystoreReloadTest {

    @TempDir
    Path dir;

    @Test
    void aSwappedCertificateIsServedInPlaceWithoutARefusedConnection() throws Exception {
        ServerIdentity one = SelfSigned.generate(Set.of("one.example.org"), Instant.now());
        Path cert = Files.writeString(dir.resolve("cert.pem"), Pem.certificates(one.chain()));
        Path key = Files.writeString(dir.resolve("key.pem"), Pem.key(one.key()));
        TlsOptions options = new TlsOptions(dir.resolve("data"), "127.0.0.1", Optional.of(cert), Optional.of(key),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMillis(100));
        LinkedBlockingQueue<Map<String, Object>> restarts = new LinkedBlockingQueue<>();
        Server server = new Server();
        try (ServerTls tls = ServerTls.start(options)) {
            ServerConnector https = httpsConnector(server, tls.jettyProperties());
            server.addConnector(https);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    response.setStatus(200);
                    callback.succeeded();
                    return true;
                }
            });
            server.start();
            // what Felix does with a connector factory's connector once its server runs
            Connector handle = new JettyKeystoreReload(tls).createConnector(server);
            server.addConnector(handle);
            handle.start();
            tls.watch(restarts::add);
            int port = https.getLocalPort();

            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    try {
                        seen.add(poll(port));
                    } catch (IOException | GeneralSecurityException | RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
            poller.start();
            ServerIdentity two = SelfSigned.generate(Set.of("two.example.org"), Instant.now());
            String second = two.status().fingerprintSha256();
            try {
                Thread.sleep(300);
                Files.writeString(key, Pem.key(two.key()));
                Files.writeString(cert, Pem.certificates(two.chain()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!seen.contains(second) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
            } finally {
                polling.set(false);
                poller.join();
            }
            assertEquals(List.of(), failures, "no refused connection or failed handshake");
            assertEquals(one.status().fingerprintSha256(), seen.get(0));
            assertEquals(second, seen.get(seen.size() - 1), "the second certificate in the end");
            assertEquals(1, IntStream.range(1, seen.size()).filter(i -> !seen.get(i).equals(seen.get(i - 1)))
                    .count(), "one change, never back: " + seen.size() + " polls");
            assertEquals(second, tls.status().fingerprintSha256());
            assertNull(restarts.poll(), "the HTTP server's configuration is not changed (no restart)");

            handle.stop();
            server.removeConnector(handle);
            ServerIdentity three = SelfSigned.generate(Set.of("three.example.org"), Instant.now());
            Files.writeString(key, Pem.key(three.key()));
            Files.writeString(cert, Pem.certificates(three.chain()));
            assertTrue(restarts.poll(5, TimeUnit.SECONDS) != null,
                    "without the running server's connector, a reload is a new configuration (a restart)");
        } finally {
            server.stop();
        }
    }

    /** @return a TLS connector configured the way Felix HTTP Jetty configures it from those properties */
    private static ServerConnector httpsConnector(Server server, Map<String, Object> properties) {
        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setKeyStoreType((String) properties.get(ServerTls.KEYSTORE_TYPE));
        context.setKeyStorePath((String) properties.get(ServerTls.KEYSTORE));
        context.setKeyStorePassword((String) properties.get(ServerTls.KEYSTORE_PASSWORD));
        context.setKeyManagerPassword((String) properties.get(ServerTls.KEY_PASSWORD));
        context.setIncludeProtocols((String[]) properties.get(ServerTls.PROTOCOLS));
        // no SNI host check (the test certificates name no address): the dist test has Felix's own connector
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(context, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        return connector;
    }

    /** @return the fingerprint of the certificate served on a new connection that answered 200 */
    private static String poll(int port) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new Recording(chain) }, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line == null || !line.startsWith("HTTP/1.1 200")) {
                StringBuilder all = new StringBuilder(String.valueOf(line));
                for (String more = in.readLine(); more != null && all.length() < 2000; more = in.readLine()) {
                    all.append('|').append(more);
                }
                throw new IOException("answered " + all);
            }
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(chain.get(0).getEncoded()));
    }

    /** Records the server's chain and accepts it: the test reads which certificate is served. */
    private record Recording(List<X509Certificate> chain) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) {
            chain.clear();
            chain.addAll(List.of(certificates));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
