package org.osc.k8s.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpecBuilder;

/**
 * The NetworkPolicy confining a deployment spec's VNF pods (selected by {@code app.kubernetes.io/managed-by=osc}
 * and {@code osc.io/deployment-spec=<id>}). It states both policy types, so whatever no rule names is denied:
 * <ul>
 * <li>ingress from any pod of the VNF's own namespace: the inspected traffic comes from the workloads there;</li>
 * <li>ingress from the management namespace, when one is configured: OSC and the security manager reach the
 * VNF's management interface from there. Without one, no other namespace may reach the VNF, so a manager
 * outside the namespace cannot talk to it (the default, because OSC cannot guess where its manager runs);</li>
 * <li>egress to the own namespace (forwarding inspected traffic on to the workloads), to the management namespace
 * when configured (a VNF registers with and reports to its manager: connections it opens itself), and DNS
 * (UDP and TCP 53) to the {@code kube-system} namespace only, where the cluster DNS runs. A cluster whose pods
 * resolve through a node-local DNS cache on a link-local address needs that address added by hand.</li>
 * </ul>
 * Everything else, in particular the Internet and other tenants' namespaces, is denied.
 */
final class VnfNetworkPolicy {

    /** Label every namespace has (set by the API server since Kubernetes 1.21): its own name. */
    static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private VnfNetworkPolicy() {
    }

    static NetworkPolicy render(String name, String namespace, Map<String, String> labels, long specId,
            Map<String, String> managementNamespaceLabels) {
        NetworkPolicySpec spec = spec(specId, managementNamespaceLabels);
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(Map.of(VnfLabels.SPEC_HASH, SpecHash.of(spec))).endMetadata()
                .withSpec(spec)
                .build();
    }

    private static NetworkPolicySpec spec(long specId, Map<String, String> management) {
        boolean managed = management != null && !management.isEmpty();
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(sameNamespace()).build());
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        egress.add(new NetworkPolicyEgressRuleBuilder().withTo(sameNamespace()).build());
        if (managed) {
            ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(namespace(management)).build());
            egress.add(new NetworkPolicyEgressRuleBuilder().withTo(namespace(management)).build());
        }
        egress.add(new NetworkPolicyEgressRuleBuilder().withTo(namespace(Map.of(NAMESPACE_NAME, "kube-system")))
                .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
                .build());
        return new NetworkPolicySpecBuilder()
                .withNewPodSelector().withMatchLabels(VnfLabels.selector(specId)).endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .withIngress(ingress)
                .withEgress(egress)
                .build();
    }

    /** An empty pod selector without a namespace selector: every pod of the policy's own namespace. */
    private static NetworkPolicyPeer sameNamespace() {
        return new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
    }

    private static NetworkPolicyPeer namespace(Map<String, String> labels) {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector().withMatchLabels(labels)
                .endNamespaceSelector().build();
    }
}
