package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oscctl against a real HTTPS server with a self-signed certificate made by the JDK's keytool. */
class TrustTest {

    private static final String PASSWORD = "keystore-pw";

    @TempDir
    Path dir;

    private Path home;
    private String fingerprint;

    @BeforeEach
    void home() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
    }

    @Test
    void anUnknownCertificateIsRefusedWithAHint() throws Exception {
        try (FakeServer server = server("san=ip:127.0.0.1")) {
            Cli.Result result = Cli.against(server, home).run("list", "vc");
            assertEquals(ExitCodes.CONNECTION, result.code(), result.toString());
            assertTrue(result.err().contains("not trusted") && result.err().contains("hint:")
                    && result.err().contains("oscctl trust"), result.toString());
            assertTrue(server.requests.isEmpty(), "no request, so no password, reached it");
        }
    }

    @Test
    void theCertificateFileOfTheServerIsTrustedAndTheHostNameChecked() throws Exception {
        try (FakeServer server = server("san=ip:127.0.0.1")) {
            Cli.Result ok = Cli.against(server, home).env("OSC_CACERT", pem().toString()).run("list", "vc");
            assertEquals(ExitCodes.OK, ok.code(), ok.toString());
            assertEquals(1, server.requests("GET", "virtualizationConnectors").size());
        }
        try (FakeServer server = server("san=dns:osc.example.org")) {
            Cli.Result wrongName = Cli.against(server, home).run("--cacert", pem().toString(), "list", "vc");
            assertEquals(ExitCodes.CONNECTION, wrongName.code(), wrongName.toString());
            assertTrue(wrongName.err().contains("not trusted"), wrongName.toString());
        }
    }

    @Test
    void aPinnedFingerprintIsTrustedAndAnyOtherRefused() throws Exception {
        try (FakeServer server = server("san=ip:127.0.0.1")) {
            Cli.Result pinned = Cli.against(server, home).run("--pin", fingerprint.toLowerCase().replace(":", ""),
                    "list", "vc");
            assertEquals(ExitCodes.OK, pinned.code(), pinned.toString());

            String other = "AA" + fingerprint.substring(2);
            Cli.Result wrong = Cli.against(server, home).env("OSC_PIN", other).run("list", "vc");
            assertEquals(ExitCodes.CONNECTION, wrong.code(), wrong.toString());
            assertTrue(wrong.err().contains("not the pinned"), wrong.toString());
            assertEquals(1, server.requests("GET", "virtualizationConnectors").size(), "the wrong pin sent nothing");

            Cli.Result malformed = Cli.against(server, home).run("--pin", "12:34", "list", "vc");
            assertEquals(ExitCodes.USAGE, malformed.code(), malformed.toString());
        }
    }

    @Test
    void insecureWorksAndWarns() throws Exception {
        try (FakeServer server = server("san=dns:osc.example.org")) {
            Cli.Result result = Cli.against(server, home).run("--insecure", "list", "vc");
            assertEquals(ExitCodes.OK, result.code(), result.toString());
            assertTrue(result.err().contains("warning: --insecure"), result.toString());
        }
    }

    @Test
    void trustShowsTheFingerprintAndPinsItOnYes() throws Exception {
        try (FakeServer server = server("san=ip:127.0.0.1")) {
            Cli.Result declined = new Cli(home).env("OSC_URL", server.url()).stdin("no\n").run("trust");
            assertEquals(ExitCodes.AUTH, declined.code(), declined.toString());
            assertTrue(declined.out().contains(fingerprint), declined.toString());
            Path config = home.resolve(".config/oscctl/config.properties");
            assertFalse(Files.exists(config));

            Cli.Result accepted = new Cli(home).env("OSC_URL", server.url()).stdin("yes\n").run("trust");
            assertEquals(ExitCodes.OK, accepted.code(), accepted.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
            assertTrue(server.requests.isEmpty(), "trust sends no request");

            Cli.Result later = new Cli(home).env("OSC_USER", "admin").env("OSC_PASSWORD", "secret")
                    .run("list", "vc");
            assertEquals(ExitCodes.OK, later.code(), "the saved url and pin: " + later);
            Files.writeString(config, Files.readString(config).replaceAll("pin=.*", "pin=" + "00".repeat(32)));
            Cli.Result byFlag = new Cli(home).env("OSC_USER", "admin").env("OSC_PASSWORD", "secret")
                    .run("--cacert", pem().toString(), "list", "vc");
            assertEquals(ExitCodes.OK, byFlag.code(), "a --cacert flag is not overruled by a pin saved: " + byFlag);
            assertEquals(ExitCodes.CONNECTION, new Cli(home).env("OSC_USER", "admin").run("list", "vc").code(),
                    "the saved (wrong) pin alone refuses the server");
        }
    }

    private FakeServer server(String san) throws Exception {
        Path keystore = dir.resolve("server-" + System.nanoTime() + ".p12");
        keytool("-genkeypair", "-alias", "osc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=osc",
                "-ext", san, "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "osc", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem().toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        fingerprint = ServerTrust.fingerprint((X509Certificate) store.getCertificate("osc"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        FakeServer server = new FakeServer(context);
        server.on("GET", "virtualizationConnectors", 200, "{\"items\":[]}");
        return server;
    }

    private Path pem() {
        return dir.resolve("server.crt");
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }
}
