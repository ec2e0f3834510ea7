package org.osc.server.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.tls.ServerTls;
import org.osc.server.tls.TlsOptions;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a servlet of a real Jetty server over TLS (as Felix HTTP Jetty sets it up: the keystore {@link ServerTls}
 * writes) meets when the client goes away: a client that resets its connection, or closes it (TLS
 * {@code close_notify}), in the middle of its request body, and one that resets while the answer is written. Each
 * failure the servlet sees is the client's ({@link ClientAbort}), so it is not logged as an unexpected error.
 */
class ClientAbortOverTlsTest {

    private static final int BODY_BYTES = 1_000_000;

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        ServerTls tls = ServerTls.start(new TlsOptions(dir, "127.0.0.1", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5)));
        Map<String, Object> keystore = tls.jettyProperties();
        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setKeyStoreType("PKCS12");
        context.setKeyStorePath((String) keystore.get("org.apache.felix.https.keystore"));
        context.setKeyStorePassword((String) keystore.get("org.apache.felix.https.keystore.password"));
        server = new Server();
        ServerConnector connector = new ServerConnector(server, context);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler servlets = new ServletContextHandler();
        servlets.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doPut(HttpServletRequest request, HttpServletResponse response) {
                try {
                    request.getInputStream().readAllBytes();
                    failures.add(new AssertionError("the whole body arrived"));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                try {
                    OutputStream out = response.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 1000; i++) {
                        out.write(chunk);
                        out.flush();
                    }
                    failures.add(new AssertionError("the whole answer was written"));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        }), "/*");
        server.setHandler(servlets);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aClientThatResetsInTheMiddleOfItsBody() throws Exception {
        Connection client = connect();
        client.tls.getOutputStream().write(partialPut());
        client.tls.getOutputStream().flush();
        Thread.sleep(200);
        client.reset();
        assertClientAbort(failures.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatClosesInTheMiddleOfItsBody() throws Exception {
        Connection client = connect();
        client.tls.getOutputStream().write(partialPut());
        client.tls.getOutputStream().flush();
        Thread.sleep(200);
        client.tls.close();
        assertClientAbort(failures.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatResetsWhileTheAnswerIsWritten() throws Exception {
        Connection client = connect();
        client.tls.getOutputStream().write("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.tls.getInputStream();
        in.readNBytes(100_000);
        client.reset();
        assertClientAbort(failures.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void theSameKindsOfExceptionFromElsewhereAreTheServers() {
        assertFalse(ClientAbort.is(new javax.net.ssl.SSLException("closed")), "not raised in Jetty's I/O");
        assertFalse(ClientAbort.is(new java.net.SocketException("Connection reset")), "the database's, say");
    }

    private static void assertClientAbort(Throwable failure) {
        assertNotNull(failure, "the servlet saw a failure");
        System.out.println("CLIENT ABORT seen by the servlet: " + chain(failure));
        assertTrue(ClientAbort.is(failure), () -> "a client abort: " + chain(failure));
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(t);
        }
        return text.toString();
    }

    private byte[] partialPut() {
        StringBuilder request = new StringBuilder("PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n");
        request.append("[".repeat(4096));
        return request.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A TLS connection over a socket the test can reset (RST, no TLS close_notify). */
    private record Connection(Socket tcp, SSLSocket tls) {

        void reset() throws IOException {
            tcp.setSoLinger(true, 0);
            tcp.close();
        }
    }

    private Connection connect() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new TrustAll() }, new SecureRandom());
        Socket tcp = new Socket();
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        return new Connection(tcp, tls);
    }

    /** The test server's certificate is generated for it: not checked. */
    private static final class TrustAll implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
