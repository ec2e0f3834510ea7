package org.osc.server.sg;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.platform.api.Workload;

/**
 * A cluster in memory: the pods a test puts there, matched as the Kubernetes connector does (any selector,
 * in the namespaces if any).
 */
final class TestPlatform implements VirtualizationPlatform {

    private final List<Workload> pods = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;

    @Override
    public String type() {
        return "KUBERNETES";
    }

    @Override
    public List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces)
            throws PlatformException {
        return allWorkloads(connector, namespaces).stream()
                .filter(p -> selectors.stream().anyMatch(s -> s.matches(p.labels())))
                .toList();
    }

    @Override
    public List<Workload> allWorkloads(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        if (!reachable) {
            throw new PlatformException("cluster '" + connector.name() + "' is unreachable");
        }
        return pods.stream().filter(p -> namespaces.isEmpty() || namespaces.contains(p.namespace())).toList();
    }

    /** Starts a pod with one IP and the labels given as key, value, key, value... */
    Workload add(String namespace, String name, String ip, String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        Workload pod = new Workload(namespace, name, "uid-" + namespace + "-" + name,
                ip == null ? List.of() : List.of(ip), map);
        pods.add(pod);
        return pod;
    }

    /** Deletes a pod. */
    void remove(String namespace, String name) {
        pods.removeIf(p -> p.namespace().equals(namespace) && p.name().equals(name));
    }

    void setReachable(boolean reachable) {
        this.reachable = reachable;
    }
}
