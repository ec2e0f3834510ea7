package org.osc.ovn.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.io.TempDir;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbTestServer;
import org.osc.ovsdb.OvsdbTls;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.element.VirtualizationConnectorElement;

/**
 * An {@code ssl:} northbound: the CA, client certificate and key given as PEM text in the connector's attributes
 * (as an administrator pastes them), against a real {@code ovsdb-server} with a throwaway CA made by
 * {@code openssl}. A client certificate of another CA is refused by the server, and the plugin says it cannot
 * reach the database.
 */
class OvnSdnSslIT {

    @TempDir
    Path pki;

    @Test
    void anSslNorthbound_isReachedWithPemAttributes_andAnotherCaIsRefused() throws Exception {
        OvsdbTestServer.requireTools("openssl");
        ca("ca");
        ca("other-ca");
        signed("server", "ca");
        signed("client", "ca");
        signed("stranger", "other-ca");
        try (OvsdbTestServer server = OvsdbTestServer.startSsl(pki.resolve("server.key"),
                pki.resolve("server.pem"), pki.resolve("ca.pem"));
                OvnSdnController ovn = new OvnSdnController()) {
            try (OvsdbClient admin = OvsdbClient.builder(server.remote()).tls(new OvsdbTls(pki.resolve("client.key"),
                    pki.resolve("client.pem"), pki.resolve("ca.pem"))).connect()) {
                assertTrue(admin.awaitConnected(Duration.ofSeconds(10)));
                admin.transact("OVN_Northbound", List.of(Operation.insert("Logical_Router",
                        Map.of("name", "ovn_cluster_router"), null)));
            }
            VirtualizationConnectorElement good = connector(server.remote().toString(), "client");
            assertTrue(ovn.getStatus(good).ready());
            assertEquals("ssl:127.0.0.1:" + server.port(), server.remote().toString());

            VirtualizationConnectorElement stranger = connector(server.remote().toString(), "stranger");
            ControllerUnreachableException e = assertThrows(ControllerUnreachableException.class,
                    () -> ovn.getStatus(stranger));
            assertTrue(e.getMessage().contains(server.remote().toString()), e.getMessage());
        }
    }

    private VirtualizationConnectorElement connector(String northbound, String client) throws Exception {
        return new VirtualizationConnectorElement("vc-" + client, "KUBERNETES", Map.of(
                "northbound", northbound,
                "northboundCaCertificate", Files.readString(pki.resolve("ca.pem")),
                "northboundClientCertificate", Files.readString(pki.resolve(client + ".pem")),
                "northboundClientKey", Files.readString(pki.resolve(client + ".key"))));
    }

    private void ca(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=osc-ovn-test-" + name);
    }

    private void signed(String name, String ca) throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=osc-ovn-test-" + name);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
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
