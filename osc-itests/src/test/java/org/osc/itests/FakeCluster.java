package org.osc.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.DeployedInstance;
import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.DeploymentTarget;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.platform.api.Workload;

/**
 * The test implementation of the virtualization connector that the domain end-to-end test runs on: workload
 * pods the test adds and removes, VNF "deployments" that yield one instance per replica, and a connection check
 * that refuses API servers on {@code .invalid} hosts. Registered with a
 * high service ranking so it stands in for the Kubernetes connector of the runtime.
 */
final class FakeCluster implements VirtualizationPlatform, DeploymentTarget {

    private final List<Workload> pods = new CopyOnWriteArrayList<>();
    private final Map<Long, List<DeployedInstance>> vnfs = new ConcurrentHashMap<>();
    private int nextIp = 10;

    @Override
    public String type() {
        return "KUBERNETES";
    }

    Workload addPod(String namespace, String name, Map<String, String> labels) {
        Workload pod = new Workload(namespace, name, UUID.randomUUID().toString(), List.of("10.1.0." + nextIp++),
                labels);
        pods.add(pod);
        return pod;
    }

    void removePod(String name) {
        pods.removeIf(p -> p.name().equals(name));
    }

    /** Refuses API servers on {@code .invalid} hosts (RFC 2606), as the Kubernetes connector refuses a dead one. */
    @Override
    public void check(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        String url = connector.apiServerUrl();
        if (url != null && java.net.URI.create(url).getHost().endsWith(".invalid")) {
            throw new PlatformException("the API server at " + url + " does not answer: the host name does not "
                    + "resolve");
        }
    }

    @Override
    public List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces) {
        return pods.stream().filter(p -> namespaces.isEmpty() || namespaces.contains(p.namespace()))
                .filter(p -> selectors.stream().anyMatch(s -> s.matches(p.labels()))).toList();
    }

    @Override
    public List<Workload> allWorkloads(ConnectorInfo connector, List<String> namespaces) {
        return pods.stream().filter(p -> namespaces.isEmpty() || namespaces.contains(p.namespace())).toList();
    }

    @Override
    public synchronized List<DeployedInstance> apply(DeploymentRequest request) {
        List<DeployedInstance> running = new ArrayList<>(vnfs.getOrDefault(request.specId(), List.of()));
        while (running.size() > request.count()) {
            running.remove(running.size() - 1);
        }
        while (running.size() < request.count()) {
            String name = "osc-vnf-" + request.specId() + "-" + running.size();
            running.add(new DeployedInstance(name, UUID.randomUUID().toString(), request.namespace(),
                    "10.2.0." + nextIp++, null));
        }
        vnfs.put(request.specId(), List.copyOf(running));
        return List.copyOf(running);
    }

    @Override
    public synchronized void remove(DeploymentRequest request) {
        vnfs.remove(request.specId());
    }

    int vnfCount() {
        return vnfs.values().stream().mapToInt(List::size).sum();
    }
}
