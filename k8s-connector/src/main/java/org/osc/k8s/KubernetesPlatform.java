package org.osc.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osc.server.platform.ConnectorInfo;
import org.osc.server.platform.LabelSelector;
import org.osc.server.platform.PlatformException;
import org.osc.server.platform.VirtualizationPlatform;
import org.osc.server.platform.Workload;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Security group members from a Kubernetes cluster: pods matching a group's labels, asked of the API server
 * with equality label selectors (one query per selector and namespace; the union is the membership).
 *
 * <p>This is the on-demand path ({@code sync}); following the cluster by itself through informers is not
 * built yet.
 */
@Component(service = VirtualizationPlatform.class)
public class KubernetesPlatform implements VirtualizationPlatform {

    private final KubernetesClients clients;

    /** @param clients the connector's shared clients (closed by their own component, not here) */
    @Activate
    public KubernetesPlatform(@Reference KubernetesClients clients) {
        this.clients = clients;
    }

    @Override
    public String type() {
        return "KUBERNETES";
    }

    @Override
    public List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces)
            throws PlatformException {
        Map<String, Workload> found = new LinkedHashMap<>();
        for (LabelSelector selector : selectors) {
            for (Pod pod : list(connector, namespaces, selector)) {
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
        for (Pod pod : list(connector, namespaces, null)) {
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
        if (pod.getMetadata().getDeletionTimestamp() != null || finished(pod)) {
            return;
        }
        found.putIfAbsent(pod.getMetadata().getUid(), toWorkload(pod));
    }

    static Workload toWorkload(Pod pod) {
        List<String> ips = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getPodIPs() != null) {
                for (PodIP ip : pod.getStatus().getPodIPs()) {
                    ips.add(ip.getIp());
                }
            }
            if (ips.isEmpty() && pod.getStatus().getPodIP() != null) {
                ips.add(pod.getStatus().getPodIP());
            }
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return new Workload(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getMetadata().getUid(), ips, labels);
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String reason(KubernetesClientException e) {
        if (e.getCode() == 401 || e.getCode() == 403) {
            return "not authorised to list pods (HTTP " + e.getCode() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
