package org.osc.k8s.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.VnfImage;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/** The rendering alone: request in, objects out, no cluster. */
class VnfRendererTest {

    static final ConnectorInfo CONNECTOR = new ConnectorInfo(1, "k1", "kubeconfig", null, null, null, null, false);

    static DeploymentRequest request(int count, VnfImage image) {
        return new DeploymentRequest(7, "spec-a", "shop", count, 3, "da-1", null, image, CONNECTOR);
    }

    static VnfImage image(String url) {
        return new VnfImage("Sample Inspection", "1.0+b7", url, "regcred", "250m", "128Mi", "1", "256Mi");
    }

    @Test
    void theDeploymentIsNamedAndLabelledAsOscs() {
        Deployment d = VnfRenderer.render(request(2, image("reg/vnf:1.0")), Map.of()).deployment();
        assertEquals("osc-vnf-7", d.getMetadata().getName());
        assertEquals("shop", d.getMetadata().getNamespace());
        assertEquals(2, d.getSpec().getReplicas());
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", "7",
                "app.kubernetes.io/name", "Sample-Inspection", "app.kubernetes.io/version", "1.0-b7");
        assertEquals(labels, d.getMetadata().getLabels());
        assertEquals(labels, d.getSpec().getTemplate().getMetadata().getLabels());
        // Only the stable labels select: a version change must not touch the immutable selector.
        assertEquals(Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", "7"),
                d.getSpec().getSelector().getMatchLabels());
        assertEquals(64, d.getMetadata().getAnnotations().get(VnfLabels.SPEC_HASH).length());
    }

    @Test
    void thePodIsHardened() {
        PodSpec pod = VnfRenderer.render(request(1, image("reg/vnf:1.0")), Map.of()).deployment().getSpec()
                .getTemplate().getSpec();
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(List.of("regcred"), VnfRenderer.pullSecrets(pod));
        assertEquals(1, pod.getContainers().size());
        Container vnf = pod.getContainers().get(0);
        assertEquals("reg/vnf:1.0", vnf.getImage());
        assertEquals("IfNotPresent", vnf.getImagePullPolicy());
        assertEquals(Boolean.FALSE, vnf.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, vnf.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), vnf.getSecurityContext().getCapabilities().getDrop());
        assertEquals(List.of("NET_ADMIN", "NET_RAW"), vnf.getSecurityContext().getCapabilities().getAdd());
        assertEquals(new Quantity("250m"), vnf.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("128Mi"), vnf.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("1"), vnf.getResources().getLimits().get("cpu"));
        assertEquals(new Quantity("256Mi"), vnf.getResources().getLimits().get("memory"));
        assertEquals("/tmp", vnf.getVolumeMounts().get(0).getMountPath());
    }

    @Test
    void unsetResourcesAndSecretAreLeftOut() {
        VnfImage bare = new VnfImage("m", "1", "reg/vnf:1", null, null, " ", null, null);
        PodSpec pod = VnfRenderer.render(request(1, bare), Map.of()).deployment().getSpec().getTemplate().getSpec();
        assertNull(pod.getContainers().get(0).getResources());
        assertTrue(VnfRenderer.pullSecrets(pod).isEmpty());
        VnfImage onlyMemoryLimit = new VnfImage("m", "1", "reg/vnf:1", null, null, null, null, "1Gi");
        var resources = VnfRenderer.resources(onlyMemoryLimit);
        assertTrue(resources.getRequests().isEmpty());
        assertEquals(Map.of("memory", new Quantity("1Gi")), resources.getLimits());
    }

    @Test
    void theHashIsStableAndIgnoresOnlyTheCount() {
        String one = hash(VnfRenderer.render(request(1, image("reg/vnf:1.0")), Map.of()).deployment());
        assertEquals(one, hash(VnfRenderer.render(request(1, image("reg/vnf:1.0")), Map.of()).deployment()));
        assertEquals(one, hash(VnfRenderer.render(request(5, image("reg/vnf:1.0")), Map.of()).deployment()));
        assertNotEquals(one, hash(VnfRenderer.render(request(1, image("reg/vnf:1.1")), Map.of()).deployment()));
    }

    @Test
    void thePolicyAdmitsOnlyTheNamespaceDnsAndManagement() {
        NetworkPolicy policy = VnfRenderer.render(request(1, image("reg/vnf:1.0")), Map.of()).networkPolicy();
        assertEquals("osc-vnf-7", policy.getMetadata().getName());
        assertEquals("shop", policy.getMetadata().getNamespace());
        assertEquals(Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", "7"),
                policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertEquals(1, policy.getSpec().getIngress().size());
        NetworkPolicyPeer from = policy.getSpec().getIngress().get(0).getFrom().get(0);
        assertTrue(from.getPodSelector().getMatchLabels().isEmpty(), "any pod ...");
        assertNull(from.getNamespaceSelector(), "... of the own namespace only");
        assertEquals(2, policy.getSpec().getEgress().size());
        var dns = policy.getSpec().getEgress().get(1);
        assertEquals(Map.of("kubernetes.io/metadata.name", "kube-system"),
                dns.getTo().get(0).getNamespaceSelector().getMatchLabels());
        assertEquals(List.of("UDP/53", "TCP/53"), dns.getPorts().stream()
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList());

        NetworkPolicy managed = VnfRenderer.render(request(1, image("reg/vnf:1.0")),
                Map.of("osc.io/management", "true")).networkPolicy();
        assertEquals(2, managed.getSpec().getIngress().size());
        assertEquals(Map.of("osc.io/management", "true"),
                managed.getSpec().getIngress().get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels());
        assertEquals(3, managed.getSpec().getEgress().size());
        assertNotEquals(policy.getMetadata().getAnnotations(), managed.getMetadata().getAnnotations());
    }

    @Test
    void labelValuesAreSanitised() {
        assertEquals("Sample-VNF-1.0-b7", VnfLabels.labelValue("Sample VNF 1.0+b7"));
        assertEquals("a.b_c", VnfLabels.labelValue("--a.b_c--"));
        assertEquals("unknown", VnfLabels.labelValue("+++"));
        assertEquals("unknown", VnfLabels.labelValue(null));
        String long70 = "x".repeat(70);
        assertEquals(63, VnfLabels.labelValue(long70).length());
        assertEquals("ab", VnfLabels.labelValue("a".repeat(1) + "b" + "-".repeat(70)));
    }

    @Test
    void badRequestsAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> VnfRenderer.render(request(-1, image("i")), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> VnfRenderer.render(request(1, image(" ")), Map.of()));
        VnfImage badCpu = new VnfImage("m", "1", "i", null, "lots", null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VnfRenderer.render(request(1, badCpu), Map.of()));
        assertTrue(e.getMessage().contains("cpu"), e.getMessage());
        DeploymentRequest noNamespace = new DeploymentRequest(7, "s", "", 1, 3, "da", null, image("i"), CONNECTOR);
        assertThrows(IllegalArgumentException.class, () -> VnfRenderer.render(noNamespace, Map.of()));
    }

    @Test
    void driftSeesHandEditsButNotServerDefaults() {
        Deployment desired = VnfRenderer.render(request(2, image("reg/vnf:1.0")), Map.of()).deployment();
        Deployment observed = new DeploymentBuilder(desired).editSpec().editTemplate().editSpec()
                .withDnsPolicy("ClusterFirst").withRestartPolicy("Always")
                .editFirstContainer().withTerminationMessagePath("/dev/termination-log")
                .editResources().addToRequests("cpu", new Quantity("0.25")).endResources().endContainer()
                .endSpec().endTemplate().endSpec().build();
        assertTrue(DeploymentDrift.differences(observed, desired).isEmpty(),
                DeploymentDrift.differences(observed, desired).toString());
        assertFalse(DeploymentDrift.replicasDiffer(observed, desired));
        assertFalse(DeploymentDrift.selectorDiffers(observed, desired));

        Deployment edited = new DeploymentBuilder(desired).editSpec().withReplicas(4).editTemplate().editSpec()
                .editFirstContainer().withImage("evil/vnf").editSecurityContext().editCapabilities()
                .addToAdd("SYS_ADMIN").endCapabilities().endSecurityContext().endContainer()
                .withImagePullSecrets(List.of()).endSpec().endTemplate().endSpec().build();
        assertEquals(List.of("image pull secrets", "image", "added capabilities"),
                DeploymentDrift.differences(edited, desired));
        assertTrue(DeploymentDrift.replicasDiffer(edited, desired));
    }

    private static String hash(Deployment d) {
        return d.getMetadata().getAnnotations().get(VnfLabels.SPEC_HASH);
    }
}
