package org.osc.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An HTTPS front for sim-cluster, which speaks plain HTTP: it terminates TLS on loopback with a certificate made
 * by the JDK's {@code keytool} for 127.0.0.1 and passes the bytes on to the cluster's port, so that a client's CA
 * handling is tested against a real TLS handshake.
 */
final class TlsRelay implements AutoCloseable {

    private static final char[] PASSWORD = "relay-test".toCharArray();
    private final ServerSocket server;
    private final int target;
    private final Thread acceptor;

    private TlsRelay(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
        this.acceptor = new Thread(this::accept, "tls-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Makes a self-signed certificate for 127.0.0.1 in {@code dir}: {@code NAME.p12} (key and certificate) and
     * {@code NAME.crt} (the certificate, PEM).
     *
     * @return the PEM file
     */
    static Path certificate(Path dir, String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD)));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "api", "-keystore", store.toString(), "-storepass",
                new String(PASSWORD), "-file", pem.toString()));
        return pem;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    /**
     * @param certificate a PEM file {@link #certificate} made (its key store lies beside it)
     * @param target the plain HTTP port on loopback to pass the bytes to
     */
    static TlsRelay start(Path certificate, int target) throws Exception {
        Path store = certificate.resolveSibling(certificate.getFileName().toString().replace(".crt", ".p12"));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        return new TlsRelay(server, target);
    }

    /** @return the API server URL of the relay */
    String url() {
        return "https://127.0.0.1:" + server.getLocalPort() + "/";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket cluster = new Socket(InetAddress.getLoopbackAddress(), target);
                pipe(client, cluster);
                pipe(cluster, client);
            } catch (IOException e) {
                // closed, or one handshake failed: the client sees it
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                close(from);
                close(to);
            }
        }, "tls-relay-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
