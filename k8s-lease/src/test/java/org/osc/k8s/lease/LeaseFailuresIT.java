package org.osc.k8s.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.k8s.serviceaccount.ServiceAccount;
import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseSettings;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The lock from the pod's service account (token and namespace files, as Kubernetes mounts them, in a temporary
 * folder; the API server by the override property) against sim-cluster requiring a bearer token, and the reasons
 * given when it cannot work.
 */
class LeaseFailuresIT {

    @TempDir
    static Path workDir;
    @TempDir
    Path serviceAccount;
    static TestCluster cluster;
    static KubernetesClient admin;
    private final KubernetesLeaseLockFactory factory = new KubernetesLeaseLockFactory();

    @BeforeAll
    static void start() throws IOException {
        cluster = TestCluster.start(workDir);
        admin = cluster.admin();
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
    void clear() {
        factory.close();
        System.clearProperty(ServiceAccount.DIR_PROPERTY);
        System.clearProperty(ServiceAccount.API_SERVER_PROPERTY);
    }

    private void mountServiceAccount(String token, String namespace, String apiServer) throws IOException {
        Assumptions.assumeTrue(cluster.simulated(), "needs sim-cluster's token file");
        if (token != null) {
            Files.writeString(serviceAccount.resolve("token"), token);
        }
        if (namespace != null) {
            Files.writeString(serviceAccount.resolve("namespace"), namespace);
        }
        System.setProperty(ServiceAccount.DIR_PROPERTY, serviceAccount.toString());
        System.setProperty(ServiceAccount.API_SERVER_PROPERTY, apiServer);
    }

    @Test
    void inClusterTheLeaseIsTakenWithThePodsTokenInThePodsNamespace() throws Exception {
        mountServiceAccount(TestCluster.TOKEN, "osc-system", cluster.masterUrl());
        assertEquals("kubernetes", factory.kind());
        LeaseLock lock = factory.open(new LeaseSettings("osc-leader", "", ""));
        assertTrue(lock.acquireOrRenew("osc-0", Duration.ofSeconds(15)).heldBy("osc-0"));
        Lease lease = admin.resources(Lease.class).inNamespace("osc-system").withName("osc-leader").get();
        assertEquals("osc-0", lease.getSpec().getHolderIdentity());
        assertTrue(lock.describe().startsWith("Kubernetes Lease osc-system/osc-leader at "), lock.describe());
    }

    @Test
    void aWrongTokenIsSaidToBeRefused() throws Exception {
        mountServiceAccount("not-the-token", "osc-system", cluster.masterUrl());
        LeaseLock lock = factory.open(new LeaseSettings("osc-leader", "", ""));
        LeaseException e = assertThrows(LeaseException.class, () -> lock.acquireOrRenew("osc-0",
                Duration.ofSeconds(15)));
        assertTrue(e.getMessage().contains("did not accept OSC's credentials (HTTP 401 Unauthorized)"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("not-the-token"), "the token is not shown");
    }

    @Test
    void aMissingTokenOrNamespaceIsNamed() throws Exception {
        mountServiceAccount(null, "osc-system", cluster.masterUrl());
        LeaseException noToken = assertThrows(LeaseException.class,
                () -> factory.open(new LeaseSettings("osc-leader", "", "")));
        assertTrue(noToken.getMessage().startsWith("the service account token " + serviceAccount.resolve("token")
                + " cannot be read"), noToken.getMessage());

        Files.delete(serviceAccount.resolve("namespace"));
        Files.writeString(serviceAccount.resolve("token"), TestCluster.TOKEN);
        LeaseException noNamespace = assertThrows(LeaseException.class,
                () -> factory.open(new LeaseSettings("osc-leader", "", "")));
        assertTrue(noNamespace.getMessage().contains("set OSC_LEASE_NAMESPACE"), noNamespace.getMessage());
    }

    @Test
    void anApiServerThatDoesNotAnswerIsNamedWithinTheRequestTimeout() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        mountServiceAccount(TestCluster.TOKEN, "osc-system", "http://127.0.0.1:" + port + "/");
        LeaseLock lock = factory.open(new LeaseSettings("osc-leader", "", ""));
        long start = System.nanoTime();
        LeaseException e = assertThrows(LeaseException.class, lock::read);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().startsWith("the API server http://127.0.0.1:" + port + "/ cannot be reached "
                + "to get the Lease"), e.getMessage());
        assertTrue(millis < KubernetesLeases.REQUEST_TIMEOUT_MILLIS + 2_000, "took " + millis + " ms");
    }

    @Test
    void aKubeconfigThatCannotBeUsedIsNamedWithoutItsContent() throws Exception {
        Path bad = Files.writeString(workDir.resolve("bad-kubeconfig"), "users: [{name: x, user: {token: s3cr3t}}]\n"
                + "clusters: 5\n");
        LeaseException e = assertThrows(LeaseException.class,
                () -> factory.open(new LeaseSettings("osc-leader", "osc", bad.toString())));
        assertTrue(e.getMessage().startsWith("the kubeconfig " + bad + " cannot be used"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cr3t"));
    }
}
