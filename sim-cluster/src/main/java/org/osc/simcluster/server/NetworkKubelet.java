package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.osc.simcluster.server.net.ForwardingProbe;
import org.osc.simcluster.server.net.LabNodes;
import org.osc.simcluster.server.net.NetworkSettings;
import org.osc.simcluster.server.net.NodeIpPools;
import org.osc.simcluster.server.net.PodNetwork;
import org.osc.simcluster.server.net.PodNetworksAnnotation;
import org.osc.simcluster.server.net.PodNetworksAnnotation.Assignment;
import org.osc.simcluster.server.net.Scheduler;
import org.osc.simcluster.server.net.VnfPods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The kubelet of network mode, one reconcile per pod in three steps, each a write whose watch event brings the pod
 * back here: (1) schedule and assign an address, as kube-scheduler and OVN-Kubernetes' master do: {@code
 * spec.nodeName} and the {@value PodNetworksAnnotation#NAME} annotation in one update; (2) plug it into the lab
 * ({@link PodNetwork}, asynchronously; its end requeues the pod); (3) report it {@code Running} with the address it
 * really has, Ready for an ordinary pod, and for one of OSC's VNF pods as its readiness probe says. A readiness
 * change requeues the pod and its status follows.
 */
final class NetworkKubelet implements PodRunner {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkKubelet.class);
    private static final String[] CONDITIONS = {"PodScheduled", "Initialized", "ContainersReady", "Ready"};

    private final KubernetesClient client;
    private final NetworkSettings settings;
    private final NodeIpPools ips;
    private final Scheduler scheduler;
    private final PodNetwork network;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param client the controller's client
     * @param settings the lab and the cluster's nodes
     * @param requeue reconciles the pod {@code namespace/name} again
     */
    NetworkKubelet(KubernetesClient client, NetworkSettings settings, Consumer<String> requeue) {
        this.client = client;
        this.settings = settings;
        this.ips = new NodeIpPools(settings.nodes());
        this.scheduler = new Scheduler(settings.nodeNames(), settings.vnfNodes());
        this.network = new PodNetwork(settings.lab(), requeue, new ForwardingProbe());
    }

    @Override
    public void init(Collection<Pod> pods) {
        pods.forEach(this::observe);
        try {
            network.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        createNodes();
    }

    /** Node objects for {@code kubectl get nodes} and for clients that look up a pod's node. */
    private void createNodes() {
        for (LabNodes.Node node : settings.nodes().all()) {
            if (client.nodes().withName(node.name()).get() != null) {
                continue;
            }
            Map<String, String> labels = new HashMap<>(Map.of(Scheduler.HOSTNAME_LABEL, node.name(),
                    "kubernetes.io/os", "linux"));
            if (settings.vnfNodes().contains(node.name())) {
                labels.put("node-role.kubernetes.io/vnf", "");
            }
            client.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName(node.name()).withLabels(labels).endMetadata()
                    .withNewSpec().withPodCIDR(node.subnet()).withPodCIDRs(node.subnet()).endSpec()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True")
                    .withReason("KubeletReady").endCondition().endStatus()
                    .build()).create();
        }
    }

    @Override
    public void observe(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        assignment(pod).ifPresent(a -> {
            if (node != null && !node.isEmpty()) {
                ips.claim(node, pod.getMetadata().getUid(), a.ip());
            }
        });
    }

    @Override
    public void forget(Pod pod) {
        ips.release(pod.getMetadata().getUid());
        reported.remove(pod.getMetadata().getUid());
        network.unplug(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid());
    }

    @Override
    public boolean needsStart(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    @Override
    public void start(Pod pod) {
        if (!needsStart(pod)) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        boolean vnf = VnfPods.isVnf(pod.getMetadata().getLabels());
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            Map<String, String> selector = pod.getSpec() == null ? null : pod.getSpec().getNodeSelector();
            Optional<String> picked = scheduler.pick(vnf, selector, ips::podsOn);
            if (picked.isEmpty()) {
                reportOnce(pod, "no node fits it (nodeSelector " + selector + ")");
                return;
            }
            assign(pod, picked.get());
            return;
        }
        if (!scheduler.hasNode(node)) {
            reportOnce(pod, "its node " + node + " is not one of " + settings.nodeNames());
            return;
        }
        Optional<Assignment> assigned = assignment(pod);
        if (assigned.isEmpty() || !ips.claim(node, uid, assigned.get().ip())) {
            assign(pod, node);
            return;
        }
        Assignment a = assigned.get();
        PodNetwork.PlugRequest request = new PodNetwork.PlugRequest(pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), uid, node, a.ip(), a.mac(), vnf);
        Optional<PodNetwork.Plugged> plugged = network.plugged(request.key());
        if (plugged.isEmpty() || !plugged.get().matches(request)) {
            network.plug(request);
            return;
        }
        writeStatus(pod, a.ip(), !vnf || network.ready(request.key()), network.restarts(request.key()));
    }

    /** Binds the pod to the node and writes its address there, in one update (409 when the pod changed meanwhile). */
    private void assign(Pod pod, String node) {
        LabNodes.Node labNode = settings.nodes().get(node).orElseThrow();
        String ip = ips.allocate(node, pod.getMetadata().getUid(), labPodIps());
        Assignment a = new Assignment(ip, 24, PodNetworksAnnotation.macOf(ip), labNode.gateway());
        Pod updated = new PodBuilder(pod)
                .editMetadata().addToAnnotations(PodNetworksAnnotation.NAME, PodNetworksAnnotation.render(a))
                .endMetadata()
                .editOrNewSpec().withNodeName(node).endSpec()
                .build();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).update();
        LOG.debug("pod {}/{} scheduled on {} with {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                node, ip);
    }

    private void writeStatus(Pod pod, String ip, boolean ready, int restarts) {
        PodStatus old = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
        if (upToDate(pod, old, ip, ready, restarts)) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String started = old.getStartTime() == null ? now : old.getStartTime();
        List<PodCondition> conditions = new ArrayList<>();
        for (String type : CONDITIONS) {
            boolean value = !type.endsWith("Ready") || ready;
            conditions.add(condition(old, type, value, now, pod));
        }
        PodStatus status = new PodStatusBuilder(old)
                .withPhase("Running")
                .withPodIP(ip)
                .withPodIPs(new PodIP(ip))
                .withStartTime(started)
                .withConditions(conditions)
                .withContainerStatuses(Kubelet.containerStatuses(pod, started, ready, restarts))
                .build();
        client.pods().inNamespace(pod.getMetadata().getNamespace())
                .resource(new PodBuilder(pod).withStatus(status).build())
                .updateStatus();
        LOG.debug("pod {}/{} Running with IP {}, ready {}", pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), ip, ready);
    }

    private static boolean upToDate(Pod pod, PodStatus old, String ip, boolean ready, int restarts) {
        if (!"Running".equals(old.getPhase()) || !ip.equals(old.getPodIP())) {
            return false;
        }
        for (String type : CONDITIONS) {
            boolean value = !type.endsWith("Ready") || ready;
            if (!Objects.equals(conditionStatus(old, type), value ? "True" : "False")) {
                return false;
            }
        }
        List<ContainerStatus> statuses = Optional.ofNullable(old.getContainerStatuses()).orElse(List.of());
        int containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? 0
                : pod.getSpec().getContainers().size();
        return statuses.size() == containers
                && statuses.stream().allMatch(s -> Boolean.valueOf(ready).equals(s.getReady())
                        && Integer.valueOf(restarts).equals(s.getRestartCount()));
    }

    private static String conditionStatus(PodStatus status, String type) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType())).map(PodCondition::getStatus).findFirst().orElse(null);
    }

    /** The condition as it was when its value has not changed (its transition time stays), a new one otherwise. */
    private static PodCondition condition(PodStatus old, String type, boolean value, String now, Pod pod) {
        String status = value ? "True" : "False";
        Optional<PodCondition> existing = Optional.ofNullable(old.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus())).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        PodConditionBuilder condition = new PodConditionBuilder().withType(type).withStatus(status)
                .withLastTransitionTime(now);
        if (!value) {
            List<String> names = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                    : pod.getSpec().getContainers().stream().map(Container::getName).toList();
            condition.withReason("ContainersNotReady").withMessage("containers with unready status: " + names);
        }
        return condition.build();
    }

    private static Optional<Assignment> assignment(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return PodNetworksAnnotation.parse(annotations == null ? null : annotations.get(PodNetworksAnnotation.NAME));
    }

    /** Addresses of every pod plugged into the lab (the cluster's and any a test plugged itself). */
    private List<String> labPodIps() {
        List<String> found = new ArrayList<>();
        Path pods = settings.lab().dir().resolve("pods");
        if (!Files.isDirectory(pods)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pods)) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("ip=")) {
                        found.add(line.substring(3));
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read the lab's pods in {}: {}", pods, e.getMessage());
        }
        return found;
    }

    private void reportOnce(Pod pod, String why) {
        if (reported.add(pod.getMetadata().getUid())) {
            LOG.warn("pod {}/{} stays Pending: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    why);
        }
    }

    @Override
    public void retainOnly(Collection<String> liveUids) {
        ips.retainOnly(liveUids);
        network.retainOnly(liveUids);
    }

    @Override
    public void close() {
        network.close();
    }
}
