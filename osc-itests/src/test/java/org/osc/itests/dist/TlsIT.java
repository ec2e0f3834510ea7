package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.itests.TestTrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * TLS on by default, on the distribution as an operator runs it: a fresh start serves HTTPS only, with a certificate
 * it generated, whose fingerprint it prints; curl, Java and oscctl trust it by file or by pin; a configured PEM
 * certificate replaces it and is reloaded in place when its files change (a client polling through the reload is
 * never refused); a configured certificate that cannot be used stops
 * the start with one line naming the setting.
 */
class TlsIT {

    private static final String PASSWORD = "tls-it-admin-password";
    private static final Pattern PRINTED = Pattern.compile(
            "OSC listens on (https://\\S+) \\(TLS certificate SHA-256 fingerprint ([0-9A-F:]{95}), (\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void aFreshStartServesHttpsOnlyWithTheCertificateItGeneratedAndPrinted() throws Exception {
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            server.start();
            Matcher printed = PRINTED.matcher(server.console());
            assertTrue(printed.find(), server.console());
            assertEquals(server.url() + "/api", printed.group(1));
            assertEquals("generated", printed.group(3));
            String fingerprint = printed.group(2);

            assertEquals(fingerprint, fingerprint(served(server.port())), "the certificate of the handshake");
            JsonNode tls = status(server).path("tls");
            assertEquals(fingerprint, tls.path("fingerprintSha256").asText());
            assertEquals("generated", tls.path("source").asText());
            assertEquals("rw-------", mode(server.certificate()));
            assertEquals("rw-------", mode(server.certificate().resolveSibling("server.key")));
            assertEquals("rwx------", mode(server.certificate().getParent()));

            // plain HTTP on the TLS port: no HTTP answer
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/server/v1/serverManagement/status")).timeout(java.time.Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(plain,
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP is refused");
            // no trust, no connection: the JDK's trust store does not know a self-signed certificate
            HttpRequest https = HttpRequest.newBuilder(URI.create(server.base() + "serverManagement/status")).build();
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(https,
                    HttpResponse.BodyHandlers.ofString()));

            if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
                Run trusted = run(List.of("curl", "-sS", "--cacert", server.certificate().toString(),
                        server.base() + "serverManagement/status"), Map.of());
                assertEquals(0, trusted.code(), trusted.toString());
                assertTrue(trusted.out().contains("\"ready\":true"), trusted.toString());
                Run untrusted = run(List.of("curl", "-sS", server.base() + "serverManagement/status"), Map.of());
                assertEquals(60, untrusted.code(), "curl: peer certificate cannot be authenticated " + untrusted);
                Run overPlain = run(List.of("curl", "-sS", server.base().replace("https:", "http:")
                        + "serverManagement/status"), Map.of());
                assertNotEquals(0, overPlain.code(), overPlain.toString());
                // TLS 1.2 clients are served too (the handshakes above are 1.3; older versions are off on both sides
                // in the JDK's and OpenSSL's defaults, so a refusal of 1.1 would not show the server's setting)
                Run tls12 = run(List.of("curl", "-sS", "--cacert", server.certificate().toString(), "--tlsv1.2",
                        "--tls-max", "1.2", server.base() + "serverManagement/status"), Map.of());
                assertEquals(0, tls12.code(), "TLS 1.2 " + tls12);
            }

            oscctlTrustsByFileOrPin(server, fingerprint);
        }
    }

    private void oscctlTrustsByFileOrPin(DistributionProcess server, String fingerprint) throws Exception {
        Run byFile = oscctl(server, Map.of("OSC_CACERT", server.certificate().toString()), "plugins");
        assertEquals(0, byFile.code(), byFile.toString());
        Run byPin = oscctl(server, Map.of(), "--pin", fingerprint, "plugins");
        assertEquals(0, byPin.code(), byPin.toString());
        Run wrongPin = oscctl(server, Map.of(), "--pin", "00" + fingerprint.substring(2), "plugins");
        assertEquals(6, wrongPin.code(), wrongPin.toString());
        assertTrue(wrongPin.err().contains("not the pinned"), wrongPin.toString());
        Run none = oscctl(server, Map.of(), "plugins");
        assertEquals(6, none.code(), none.toString());
        assertTrue(none.err().contains("not trusted") && none.err().contains("hint:"), none.toString());
        Run insecure = oscctl(server, Map.of(), "--insecure", "plugins");
        assertEquals(0, insecure.code(), insecure.toString());
        assertTrue(insecure.err().contains("warning: --insecure"), insecure.toString());
        Run trust = oscctl(server, Map.of(), "trust", "--yes");
        assertEquals(0, trust.code(), trust.toString());
        assertTrue(trust.out().contains(fingerprint), trust.toString());
        Run pinned = oscctl(server, Map.of(), "plugins");
        assertEquals(0, pinned.code(), "the pin saved by trust: " + pinned);
    }

    @Test
    void aConfiguredPemCertificateReplacesItAndIsReloadedWhenItsFilesChange() throws Exception {
        Path first = keyPair("first");
        Path cert = folder.resolve("tls/cert.pem");
        Path key = folder.resolve("tls/key.pem");
        install(first, cert, key);
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            server.env("OSC_TLS_CERT_FILE", cert.toString()).env("OSC_TLS_KEY_FILE", key.toString())
                    .env("OSC_TLS_RELOAD_SECONDS", "1");
            TestTrust.trust(cert);
            server.start();
            String firstPrint = fingerprint(TestTrust.certificates(first.resolve("cert.pem")));
            assertEquals(firstPrint, fingerprint(served(server.port())));
            assertEquals("configured", status(server).path("tls").path("source").asText());
            assertFalse(Files.exists(server.certificate()), "nothing generated");

            // A client polls without pause, a new connection (a full handshake) each time, through the reload.
            Path second = keyPair("second");
            String secondPrint = fingerprint(TestTrust.certificates(second.resolve("cert.pem")));
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    try {
                        Poll poll = poll(server.port());
                        seen.add(poll.fingerprint());
                        if (poll.status() != 200) {
                            failures.add("answered " + poll.status());
                        }
                    } catch (IOException | GeneralSecurityException e) {
                        failures.add(e.toString());
                    }
                }
            }, "tls-reload-poller");
            poller.start();
            try {
                Thread.sleep(500);
                install(second, cert, key);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!seen.contains(secondPrint) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1000);
            } finally {
                polling.set(false);
                poller.join();
            }
            int before = seen.indexOf(secondPrint);
            long flips = IntStream.range(1, seen.size())
                    .filter(i -> !seen.get(i).equals(seen.get(i - 1))).count();
            System.out.printf("TLS RELOAD: %d polls, %d before the new certificate, %d failures%n", seen.size(),
                    before, failures.size());
            assertTrue(before > 0, "the first certificate was served first: " + seen.size() + " polls");
            assertEquals(List.of(), failures, "no refused connection or error answer while reloading");
            assertEquals(1, flips, "from the first certificate to the second, once, never back");
            assertEquals(secondPrint, seen.get(seen.size() - 1));
            assertEquals(secondPrint, status(server).path("tls").path("fingerprintSha256").asText());
            assertTrue(server.console().contains("Reloaded the TLS certificate in place"), server.console());
            assertEquals(200, new OscRest(server.url(), PASSWORD).send("GET", "server/v1/plugins", null).status(),
                    "the API is served after the reload");

            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
            Thread.sleep(3000);
            assertEquals(secondPrint, fingerprint(served(server.port())), "a broken file keeps the old certificate");
            assertTrue(server.console().contains("cannot be used"), server.console());
        }
    }

    @Test
    void aConfiguredCertificateThatCannotBeUsedStopsTheStartNamingTheSetting() throws Exception {
        try (DistributionProcess server = new DistributionProcess(folder.resolve("osc"), PASSWORD)) {
            server.env("OSC_TLS_CERT_FILE", folder.resolve("missing.pem").toString())
                    .env("OSC_TLS_KEY_FILE", folder.resolve("missing.key").toString());
            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
            assertEquals(78, server.exitStatus(), refused.getMessage());
            String console = server.console();
            assertTrue(console.contains("OSC_TLS_CERT_FILE") && console.contains("does not exist"), console);
            assertFalse(console.contains("\tat "), "no stack trace: " + console);
        }
    }

    /** @return a folder with cert.pem and key.pem (PKCS#8) of a new self-signed certificate for 127.0.0.1 */
    private Path keyPair(String name) throws Exception {
        Path dir = Files.createDirectories(folder.resolve(name));
        Path keystore = dir.resolve("server.p12");
        Run made = run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "osc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name + ".example.org",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "30", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit"), Map.of());
        assertEquals(0, made.code(), made.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", store.getCertificate("osc").getEncoded()));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY",
                store.getKey("osc", "changeit".toCharArray()).getEncoded()));
        return dir;
    }

    /** Puts a key pair's files in place the way a secret volume is updated: each file replaced at once. */
    private static void install(Path pair, Path cert, Path key) throws IOException {
        Files.createDirectories(cert.getParent());
        for (Path[] file : new Path[][] { { pair.resolve("key.pem"), key }, { pair.resolve("cert.pem"), cert } }) {
            Path temp = file[1].resolveSibling(file[1].getFileName() + ".tmp");
            Files.copy(file[0], temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, file[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** What one poll of the status saw: the certificate served and the answer's status. */
    private record Poll(String fingerprint, int status) {
    }

    /** @return a status request's answer on a new connection (read, the certificate not checked) */
    private static Poll poll(int port) throws IOException, GeneralSecurityException {
        List<X509Certificate> seen = new ArrayList<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new Recording(seen) }, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/server/v1/serverManagement/status HTTP/1.1\r\nHost: 127.0.0.1"
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (line == null) {
                throw new IOException("the connection closed without an answer");
            }
            return new Poll(fingerprint(seen.get(0)), Integer.parseInt(line.split(" ")[1]));
        }
    }

    /** @return the leaf certificate the server presents in a TLS handshake (read, not checked) */
    private static X509Certificate served(int port) throws IOException, GeneralSecurityException {
        List<X509Certificate> seen = new ArrayList<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new Recording(seen) }, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(socket.getSession().getProtocol()));
        }
        return seen.get(0);
    }

    private static String fingerprint(Iterable<? extends java.security.cert.Certificate> certificates)
            throws GeneralSecurityException {
        return fingerprint((X509Certificate) certificates.iterator().next());
    }

    private static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificate.getEncoded()));
    }

    private static JsonNode status(DistributionProcess server) throws Exception {
        HttpResponse<String> reply = TestTrust.client().send(HttpRequest.newBuilder(
                URI.create(server.base() + "serverManagement/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        return JSON.readTree(reply.body());
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private Run oscctl(DistributionProcess server, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", server.home().resolve("bin/oscctl").toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(env);
        // a config folder of its own ('trust' writes there): not the one of whoever runs the build
        Path home = Files.createDirectories(folder.resolve("oscctl-home"));
        all.put("HOME", home.toString());
        all.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        all.put("OSC_URL", server.url());
        all.put("OSC_USER", "admin");
        all.put("OSC_PASSWORD", PASSWORD);
        return run(command, all);
    }

    private Run run(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** What a command printed and returned. */
    private record Run(int code, String out, String err) {
    }

    /** Accepts any server certificate and keeps it, to read what the server presents. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final List<X509Certificate> seen;

        Recording(List<X509Certificate> seen) {
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            seen.add(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            seen.add(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.add(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
