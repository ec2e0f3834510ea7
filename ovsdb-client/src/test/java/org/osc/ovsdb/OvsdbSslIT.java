package org.osc.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code ssl:} remote against a real {@code ovsdb-server} on {@code pssl:}, with a throwaway CA made by the
 * {@code openssl} command. The client's key is in the PKCS#1 form older OVS installations have.
 */
@Timeout(60)
class OvsdbSslIT {

    @TempDir
    Path pki;

    @Test
    void connectsWithAClientCertificateAndRejectsAServerOfAnotherCa() throws Exception {
        OvsdbTestServer.requireTools("openssl");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=osc-test-ca");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem",
                "-days", "2", "-subj", "/CN=osc-other-ca");
        signed("server", false);
        signed("client", true);
        assertTrue(Files.readString(pki.resolve("client.key")).contains("BEGIN RSA PRIVATE KEY"));

        try (OvsdbTestServer server = OvsdbTestServer.startSsl(pki.resolve("server.key"), pki.resolve("server.pem"),
                pki.resolve("ca.pem"))) {
            assertTrue(server.remote().ssl());
            OvsdbTls tls = new OvsdbTls(pki.resolve("client.key"), pki.resolve("client.pem"), pki.resolve("ca.pem"));
            try (OvsdbClient client = OvsdbClient.builder(server.remote()).tls(tls).connect()) {
                assertTrue(client.awaitConnected(Duration.ofSeconds(10)), "no TLS connection");
                assertTrue(client.listDbs().contains(OvsdbClientIT.NB));
                assertEquals(1, client.transact(OvsdbClientIT.NB, List.of(Operation.insert("Logical_Switch",
                        Map.of("name", "ls-tls"), null))).size());
            }
            // trusting another CA only, the client must not talk to this server
            OvsdbTls wrongCa = new OvsdbTls(pki.resolve("client.key"), pki.resolve("client.pem"),
                    pki.resolve("other-ca.pem"));
            try (OvsdbClient client = OvsdbClient.builder(server.remote()).tls(wrongCa).connect()) {
                assertFalse(client.awaitConnected(Duration.ofSeconds(1)), "connected to a server of another CA");
            }
        }
    }

    private void signed(String name, boolean pkcs1) throws Exception {
        if (pkcs1) {
            openssl("genrsa", "-traditional", "-out", name + ".key", "2048");
        } else {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
        }
        openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=osc-test-" + name);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2");
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true)
                .redirectOutput(pki.resolve("openssl.log").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl hung");
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed");
    }
}
