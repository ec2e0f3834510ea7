package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.k8s.serviceaccount.ServiceAccount;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.Workload;
import org.osc.simcluster.SimCluster;
import org.osc.simcluster.SimClusterOptions;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A virtualization connector with {@code inCluster: true}, as in OSC's own pod: the service account's token
 * mounted as a file (a temporary folder here, moved there by {@link ServiceAccount#DIR_PROPERTY}) and the API
 * server by {@link ServiceAccount#API_SERVER_PROPERTY}, against sim-cluster requiring that token. sim-cluster
 * speaks plain HTTP: {@link TlsRelay} puts TLS before it to test the pod's CA certificate.
 */
class InClusterIT {

    private static final String TOKEN = "pod-service-account-token";

    @TempDir
    static Path workDir;
    @TempDir
    Path serviceAccount;
    static SimCluster cluster;
    static KubernetesClient admin;
    private final KubernetesClients clients = new KubernetesClients();
    private final KubernetesPlatform platform = new KubernetesPlatform(clients);
    private static final ConnectorInfo IN_CLUSTER = new ConnectorInfo(7, "own-cluster", null, null, null, null, null,
            true);

    @BeforeAll
    static void start() throws IOException {
        Path token = Files.writeString(workDir.resolve("accepted-token"), TOKEN);
        cluster = SimCluster.start(workDir, SimClusterOptions.defaults().withTokenFile(token));
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
                Files.readString(cluster.kubeconfigPath()))).build();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        TestPods.create(admin, "shop", "web-1", Map.of("app", "web"));
        TestPods.create(admin, "shop", "db-1", Map.of("app", "db"));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void unmount() {
        platform.close();
        clients.close();
        System.clearProperty(ServiceAccount.DIR_PROPERTY);
        System.clearProperty(ServiceAccount.API_SERVER_PROPERTY);
    }

    private void mount(String token) throws IOException {
        if (token != null) {
            Files.writeString(serviceAccount.resolve("token"), token + "\n");
        }
        Files.writeString(serviceAccount.resolve("namespace"), "osc-system");
        System.setProperty(ServiceAccount.DIR_PROPERTY, serviceAccount.toString());
        System.setProperty(ServiceAccount.API_SERVER_PROPERTY, cluster.masterUrl());
    }

    @Test
    void withThePodsTokenTheCheckPassesAndMembershipIsRead() throws Exception {
        mount(TOKEN);
        platform.check(IN_CLUSTER, List.of("shop"));
        List<Workload> web = platform.workloads(IN_CLUSTER, List.of(LabelSelector.parse("app=web")), List.of("shop"));
        assertEquals(Set.of("web-1"), web.stream().map(Workload::name).collect(Collectors.toSet()));
        assertEquals(Set.of("web-1", "db-1"), platform.allWorkloads(IN_CLUSTER, List.of("shop")).stream()
                .map(Workload::name).collect(Collectors.toSet()));
    }

    @Test
    void aWrongTokenIsRefusedWithAReason() throws Exception {
        mount("a-token-the-cluster-does-not-know");
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> platform.check(IN_CLUSTER, List.of("shop")));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertFalse(e.getMessage().contains("a-token-the-cluster-does-not-know"), "the token is not shown");
        PlatformException listing = assertThrows(PlatformException.class,
                () -> platform.allWorkloads(IN_CLUSTER, List.of("shop")));
        assertTrue(listing.getMessage().contains("401") || listing.getMessage().toLowerCase().contains("credential"),
                listing.getMessage());
    }

    @Test
    void aMissingTokenIsNamedWithWhereItWasLookedFor() throws Exception {
        mount(null);
        PlatformException e = assertThrows(PlatformException.class, () -> platform.check(IN_CLUSTER, List.of()));
        assertEquals("the connection settings cannot be used by the Kubernetes client: inCluster: the service "
                + "account token " + serviceAccount.resolve("token") + " cannot be read (NoSuchFileException): is "
                + "the token mounted into OSC's pod (automountServiceAccountToken or a projected volume)?",
                e.getMessage());
    }

    @Test
    void overTlsTheApiServerIsCheckedAgainstThePodsCaCertificate() throws Exception {
        Path own = TlsRelay.certificate(workDir, "cluster-ca");
        Path other = TlsRelay.certificate(workDir, "someone-else");
        try (TlsRelay relay = TlsRelay.start(own, cluster.port())) {
            mount(TOKEN);
            System.setProperty(ServiceAccount.API_SERVER_PROPERTY, relay.url());
            Files.copy(own, serviceAccount.resolve("ca.crt"));
            platform.check(IN_CLUSTER, List.of("shop"));
            assertEquals(Set.of("web-1", "db-1"), platform.allWorkloads(IN_CLUSTER, List.of("shop")).stream()
                    .map(Workload::name).collect(Collectors.toSet()), "read over TLS");

            platform.close();
            clients.close();
            Files.copy(other, serviceAccount.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
            PlatformException e = assertThrows(PlatformException.class,
                    () -> platform.check(IN_CLUSTER, List.of("shop")));
            assertTrue(e.getMessage().contains("TLS failed: the API server's certificate is not signed by the CA "
                    + "certificate given"), e.getMessage());
        }
    }

    @Test
    void theCaCertificateOfThePodIsTrusted() throws Exception {
        mount(TOKEN);
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        Files.writeString(serviceAccount.resolve("ca.crt"), pem);
        Config config = ServiceAccount.config("not used here");
        assertEquals(Base64.getEncoder().encodeToString(pem.getBytes()), config.getCaCertData());
        assertEquals(cluster.masterUrl(), config.getMasterUrl());
        assertEquals(TOKEN, config.getOauthTokenProvider().getToken(), "read from the file, trimmed");
    }

    @Test
    void outsideAPodTheServiceVariablesAreMissingAndSaidSo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null,
                "runs in a pod");
        mount(TOKEN);
        System.clearProperty(ServiceAccount.API_SERVER_PROPERTY);
        PlatformException e = assertThrows(PlatformException.class, () -> platform.check(IN_CLUSTER, List.of()));
        assertEquals("the connection settings cannot be used by the Kubernetes client: inCluster: "
                + "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: OSC does not run in a Kubernetes "
                + "pod (use a kubeconfig or an API server URL instead)", e.getMessage());
    }
}
