package org.osc.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osc.k8s.access.ClusterAccess;
import org.osc.k8s.watch.PodCache;
import org.osc.k8s.watch.PodViews;
import org.osc.k8s.watch.PodWatches;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeploymentEvents;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.platform.api.Workload;
import org.osc.platform.api.WorkloadEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Security group members from a Kubernetes cluster: pods matching a group's labels. For a connector the server
 * asked it to {@link #watch}, answered from the informer cache of {@link PodWatches} (indexed by label pair, so
 * no API request per reconcile) and reported as they change to the server's {@link WorkloadEvents} and
 * {@link DeploymentEvents}, when present; otherwise, and until the cache has synced, asked of the API server with
 * equality label selectors (one query per selector and namespace; the union is the membership). Either way the
 * VNF pods OSC deploys are never members. {@link #check} is {@link ClusterAccess}; {@link #unwatch} (the connector
 * was deleted) also closes the connector's shared client and its check client.
 */
@Component(service = VirtualizationPlatform.class)
public class KubernetesPlatform implements VirtualizationPlatform {

    private final KubernetesClients clients;
    private final PodWatches watches;
    private final ClusterAccess access = new ClusterAccess();

    /**
     * @param clients the connectors' shared clients (all closed by their own component; one connector's by
     *     {@link #unwatch})
     */
    @Activate
    public KubernetesPlatform(@Reference KubernetesClients clients) {
        this.clients = clients;
        this.watches = new PodWatches(clients);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWorkloadEvents(WorkloadEvents events) {
        watches.setWorkloadEvents(events);
    }

    void unbindWorkloadEvents(WorkloadEvents events) {
        // DS binds a replacement before unbinding the old one: clear only if it is still the one bound.
        watches.clearWorkloadEvents(events);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDeploymentEvents(DeploymentEvents events) {
        watches.setDeploymentEvents(events);
    }

    void unbindDeploymentEvents(DeploymentEvents events) {
        watches.clearDeploymentEvents(events);
    }

    /** Stops following every cluster. */
    @Deactivate
    public void close() {
        watches.close();
        access.close();
    }

    @Override
    public void watch(ConnectorInfo connector) {
        watches.watch(connector);
    }

    @Override
    public void check(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        access.check(connector, namespaces);
    }

    /**
     * Stops following the connector's cluster and closes its shared client and its check client (a later use
     * opens new ones).
     */
    @Override
    public void unwatch(long connectorId) {
        watches.unwatch(connectorId);
        clients.release(connectorId);
        access.release(connectorId);
    }

    /** @return whether queries about the connector are answered from a synced informer cache (tests, diagnostics) */
    boolean followed(ConnectorInfo connector) {
        return watches.cache(connector).isPresent();
    }

    @Override
    public String type() {
        return "KUBERNETES";
    }

    @Override
    public List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces)
            throws PlatformException {
        Map<String, Workload> found = new LinkedHashMap<>();
        Optional<PodCache> cache = watches.cache(connector);
        for (LabelSelector selector : selectors) {
            List<Pod> pods = cache.isPresent() ? cache.get().matching(selector, namespaces)
                    : list(connector, namespaces, selector);
            for (Pod pod : pods) {
                // Checked here as well: some API servers (and the test stand-in) ignore parts of selectors.
                if (selector.matches(pod.getMetadata().getLabels())) {
                    add(found, pod);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    @Override
    public List<Workload> allWorkloads(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        Map<String, Workload> found = new LinkedHashMap<>();
        Optional<PodCache> cache = watches.cache(connector);
        for (Pod pod : cache.isPresent() ? cache.get().all(namespaces) : list(connector, namespaces, null)) {
            add(found, pod);
        }
        return new ArrayList<>(found.values());
    }

    private List<Pod> list(ConnectorInfo connector, List<String> namespaces, LabelSelector selector)
            throws PlatformException {
        try {
            return KubernetesClients.withOwnClassLoader(() -> {
                KubernetesClient client = clients.client(connector);
                List<Pod> pods = new ArrayList<>();
                if (namespaces.isEmpty()) {
                    var all = client.pods().inAnyNamespace();
                    pods.addAll((selector == null ? all : all.withLabel(selector.key(), selector.value()))
                            .list().getItems());
                } else {
                    for (String namespace : namespaces) {
                        var in = client.pods().inNamespace(namespace);
                        pods.addAll((selector == null ? in : in.withLabel(selector.key(), selector.value()))
                                .list().getItems());
                    }
                }
                return pods;
            });
        } catch (KubernetesClientException e) {
            throw new PlatformException("Cluster of virtualization connector '" + connector.name()
                    + "' did not answer the pod list: " + reason(e), e);
        }
    }

    private static void add(Map<String, Workload> found, Pod pod) {
        Workload member = PodViews.member(pod);
        if (member != null) {
            found.putIfAbsent(member.uid(), member);
        }
    }

    private static String reason(KubernetesClientException e) {
        if (e.getCode() == 401 || e.getCode() == 403) {
            return "not authorised to list pods (HTTP " + e.getCode() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
