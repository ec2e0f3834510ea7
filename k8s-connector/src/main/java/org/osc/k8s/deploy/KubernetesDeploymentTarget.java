package org.osc.k8s.deploy;

import java.util.List;
import java.util.Map;

import org.osc.k8s.KubernetesClients;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeployedInstance;
import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.DeploymentTarget;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Deploys the VNFs of deployment specs on Kubernetes: each spec becomes a Deployment {@code osc-vnf-<specId>}
 * and a NetworkPolicy of the same name in the spec's namespace (see {@link VnfRenderer} for the hardening and
 * {@link VnfNetworkPolicy} for what the policy admits), converged by {@link VnfConverger} through the connector's
 * shared client. The policy admits ingress from the VNF's own namespace (and the management namespace, when
 * configured), egress to the same and to the cluster DNS, and denies everything else.
 *
 * <p>Configuration PID {@value #PID}, optional: {@code managementNamespaceLabel}, a {@code key=value} label of
 * the namespace OSC and the security managers run in (e.g. {@code kubernetes.io/metadata.name=osc-system}).
 * Empty by default, because OSC cannot guess where its manager runs: the VNFs then talk only to their own
 * namespace (and DNS), and a manager elsewhere cannot reach them until this is set. A change applies to every
 * spec at its next reconcile.
 */
@Component(service = DeploymentTarget.class, configurationPid = KubernetesDeploymentTarget.PID)
public class KubernetesDeploymentTarget implements DeploymentTarget {

    /** Configuration PID. */
    public static final String PID = "org.osc.k8s.deploy";

    /** The component's configuration. */
    public @interface Config {
        /** @return label {@code key=value} of OSC's management namespace, empty for none */
        String managementNamespaceLabel() default "";
    }

    private final KubernetesClients clients;
    private volatile Map<String, String> managementNamespace;

    /**
     * @param clients the connector's shared clients
     * @param config the configuration
     * @throws IllegalArgumentException when the management namespace label is not {@code key=value}
     */
    @Activate
    public KubernetesDeploymentTarget(@Reference KubernetesClients clients, Config config) {
        this(clients, config.managementNamespaceLabel());
    }

    /**
     * @param clients the connector's shared clients
     * @param managementNamespaceLabel {@code key=value} label of OSC's management namespace, empty for none
     * @throws IllegalArgumentException when the label is not {@code key=value}
     */
    public KubernetesDeploymentTarget(KubernetesClients clients, String managementNamespaceLabel) {
        this.clients = clients;
        this.managementNamespace = parse(managementNamespaceLabel);
    }

    @Modified
    void modified(Config config) {
        managementNamespace = parse(config.managementNamespaceLabel());
    }

    @Override
    public String type() {
        return "KUBERNETES";
    }

    @Override
    public List<DeployedInstance> apply(DeploymentRequest request) throws PlatformException {
        RenderedVnf desired;
        try {
            desired = VnfRenderer.render(request, managementNamespace);
        } catch (IllegalArgumentException e) {
            throw new PlatformException("Deployment spec '" + request.specName() + "' (id " + request.specId()
                    + ") cannot be deployed: " + e.getMessage(), e);
        }
        return KubernetesClients.withOwnClassLoader(() -> converger(request).apply(desired, request.specId()));
    }

    @Override
    public void remove(DeploymentRequest request) throws PlatformException {
        if (request.namespace() == null || request.namespace().isBlank()) {
            return; // never deployed: a spec without a namespace cannot have been rendered
        }
        String name = VnfLabels.workloadName(request.specId());
        KubernetesClients.withOwnClassLoader(() -> {
            converger(request).remove(request.namespace(), name, request.specId());
            return null;
        });
    }

    private VnfConverger converger(DeploymentRequest request) throws PlatformException {
        ConnectorInfo connector = request.connector();
        if (connector == null) {
            throw new PlatformException("Deployment spec '" + request.specName() + "' has no virtualization connector");
        }
        KubernetesClient client;
        try {
            client = clients.client(connector);
        } catch (RuntimeException e) {
            // Only the exception's kind: its message may quote the kubeconfig, which holds secrets.
            throw new PlatformException("Virtualization connector '" + connector.name()
                    + "' has connection settings the Kubernetes client cannot use: " + KubernetesClients.unusable(e));
        }
        return new VnfConverger(client, connector.name());
    }

    private static Map<String, String> parse(String label) {
        if (label == null || label.isBlank()) {
            return Map.of();
        }
        try {
            LabelSelector selector = LabelSelector.parse(label);
            return Map.of(selector.key(), selector.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration " + PID + ": managementNamespaceLabel '" + label
                    + "' is not a label key=value: " + e.getMessage(), e);
        }
    }
}
