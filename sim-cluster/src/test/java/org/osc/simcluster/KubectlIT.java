package org.osc.simcluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The kubectl commands the simulator supports, with whatever kubectl is on the PATH; skipped without one. */
class KubectlIT {

    @TempDir
    static Path workDir;
    static SimCluster cluster;

    /** Exit code and combined output of one kubectl run. */
    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl not on the PATH");
        cluster = SimCluster.start(workDir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.kubeconfigPath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl finished");
        return new Result(p.exitValue(), output);
    }

    static String ok(String... args) throws Exception {
        Result r = kubectl(args);
        assertEquals(0, r.exitCode(), "kubectl " + String.join(" ", args) + " failed: " + r.output());
        return r.output();
    }

    @Test
    void getRunLabelPatchDelete() throws Exception {
        ok("run", "shop", "--image=nginx", "--labels=app=shop", "-n", "kube-it");
        Await.until("the pod to get an IP", () -> {
            try {
                return ok("get", "pod", "shop", "-n", "kube-it", "-o", "jsonpath={.status.podIP}").startsWith("10.244.");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertTrue(ok("get", "pods", "-A").contains("shop"));
        assertTrue(ok("get", "pods", "-n", "kube-it", "-l", "app=shop").contains("shop"));
        assertFalse(ok("get", "pods", "-n", "kube-it", "-l", "app=other").contains("shop"));

        ok("label", "pod", "shop", "-n", "kube-it", "secured=yes");
        assertTrue(ok("get", "pods", "-n", "kube-it", "-l", "secured=yes").contains("shop"));

        ok("patch", "pod", "shop", "-n", "kube-it", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"secured\":\"no\"}}}");
        assertEquals("no", ok("get", "pod", "shop", "-n", "kube-it", "-o", "jsonpath={.metadata.labels.secured}"));

        ok("delete", "pod", "shop", "-n", "kube-it");
        assertFalse(ok("get", "pods", "-A").contains("shop"));
    }

    @Test
    void discoveryKnowsDeploymentsAndNetworkPolicies() throws Exception {
        String resources = ok("api-resources");
        assertTrue(resources.contains("deployments"), resources);
        assertTrue(resources.contains("networkpolicies"), resources);
        ok("get", "deployments,networkpolicies", "-A");
    }

    @Test
    void deploymentFromAManifestGetsReadyPods() throws Exception {
        Path manifest = workDir.resolve("deployment.yaml");
        Files.writeString(manifest, String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata: {name: shop, namespace: kube-deploy}",
                "spec:",
                "  replicas: 2",
                "  selector: {matchLabels: {app: shop}}",
                "  template:",
                "    metadata: {labels: {app: shop}}",
                "    spec: {containers: [{name: web, image: nginx}]}",
                ""));
        // no OpenAPI schema is published, so client-side validation has to be switched off
        ok("create", "-f", manifest.toString(), "--validate=false");
        Await.until("2/2 ready in kubectl's table", () -> {
            try {
                return ok("get", "deployment", "shop", "-n", "kube-deploy").contains("2/2");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String pods = ok("get", "pods", "-n", "kube-deploy", "-o", "wide");
        assertTrue(pods.contains("Running") && pods.contains("10.244."), pods);

        ok("scale", "deployment", "shop", "-n", "kube-deploy", "--replicas=3");
        Await.until("3/3 after kubectl scale", () -> {
            try {
                return ok("get", "deployment", "shop", "-n", "kube-deploy").contains("3/3");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        ok("delete", "-f", manifest.toString());
    }

    @Test
    void createNamespaceAndConfigMapThoughKubectlSendsProtobuf() throws Exception {
        ok("create", "namespace", "kube-ns");
        assertTrue(ok("get", "ns").contains("kube-ns"));
        assertEquals("kube-ns", ok("get", "ns", "kube-ns", "-o", "jsonpath={.metadata.name}"));
        // 409 AlreadyExists, as an API server answers (the mock alone says Invalid: 'The Namespace "" is invalid')
        Result again = kubectl("create", "ns", "kube-ns");
        assertTrue(again.exitCode() != 0 && again.output().contains("namespaces \"kube-ns\" already exists"),
                again.output());

        ok("create", "configmap", "settings", "-n", "kube-ns", "--from-literal=mode=fast", "--from-literal=size=3");
        assertEquals("fast", ok("get", "configmap", "settings", "-n", "kube-ns", "-o", "jsonpath={.data.mode}"));
        assertEquals("3", ok("get", "configmap", "settings", "-n", "kube-ns", "-o", "jsonpath={.data.size}"));
    }

    @Test
    void authCanIIsAnsweredByTheDenyRules() throws Exception {
        try {
            assertEquals("yes", ok("auth", "can-i", "list", "pods", "-n", "shop").trim());
            cluster.deny("list:pods:shop");
            Result denied = kubectl("auth", "can-i", "list", "pods", "-n", "shop");
            assertEquals(1, denied.exitCode(), denied.output());
            assertEquals("no - denied by sim-cluster rule list:pods:shop", denied.output().trim());
            assertEquals(1, kubectl("auth", "can-i", "list", "pods", "--all-namespaces").exitCode(),
                    "a rule for one namespace denies cluster-wide too");
            assertEquals("yes", ok("auth", "can-i", "list", "pods", "-n", "blog").trim());
            assertEquals("yes", ok("auth", "can-i", "create", "deployments.apps", "-n", "shop").trim());
        } finally {
            cluster.allowAll();
        }
        assertEquals("yes", ok("auth", "can-i", "list", "pods", "-n", "shop").trim());
    }

    @Test
    void serverSideDryRunIsRefusedNotCarriedOut() throws Exception {
        Result dryRun = kubectl("create", "ns", "kube-dry", "--dry-run=server");
        assertTrue(dryRun.exitCode() != 0 && dryRun.output().contains("--dry-run=client"), dryRun.output());
        assertFalse(ok("get", "ns").contains("kube-dry"));
        assertTrue(ok("create", "ns", "kube-dry", "--dry-run=client").contains("(dry run)"));
    }

    @Test
    void otherProtobufRequestsFailFastInsteadOfHanging() throws Exception {
        Result r = kubectl("create", "deployment", "nope", "--image=nginx", "--request-timeout=20s");
        assertTrue(r.exitCode() != 0, r.output());
        assertTrue(r.output().contains("kubectl create -f FILE --validate=false"), r.output());
        Result get = kubectl("get", "deployment", "nope");
        assertTrue(get.exitCode() != 0 && get.output().contains("NotFound"), get.output());
    }

    @Test
    void watchOverHttpIsRefusedWithAnExplanation() throws Exception {
        Result r = kubectl("get", "pods", "-w", "--request-timeout=10s");
        assertTrue(r.exitCode() != 0, r.output());
        assertTrue(r.output().contains("WebSocket"), r.output());
    }
}
