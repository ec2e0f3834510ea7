package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The kubelet's part, for every pod whether a Deployment owns it or not: give it an IP from the pod CIDR and
 * report it Running and Ready, with a running status for each container. Nothing runs, nothing is scheduled
 * (no node is assigned), and the pod goes straight from Pending to Running.
 */
final class Kubelet implements PodRunner {

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);

    private final KubernetesClient client;
    private final IpPool ips;

    Kubelet(KubernetesClient client, IpPool ips) {
        this.client = client;
        this.ips = ips;
    }

    /**
     * @param pod a pod as last seen
     * @return true if this kubelet still has to start it
     */
    @Override
    public boolean needsStart(Pod pod) {
        return needsIpAndRunning(pod);
    }

    /**
     * @param pod a pod as last seen
     * @return true if the pod is live and has no IP or is not Running yet
     */
    static boolean needsIpAndRunning(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        String ip = status == null ? null : status.getPodIP();
        return ip == null || ip.isEmpty() || !"Running".equals(phase);
    }

    /** @param pod a pod seen on the watch; its IP, if it has one, is marked in use (e.g. pods restored from state) */
    @Override
    public void observe(Pod pod) {
        Optional.ofNullable(pod.getStatus()).map(PodStatus::getPodIP).filter(ip -> !ip.isEmpty())
                .ifPresent(ip -> ips.claim(pod.getMetadata().getUid(), ip));
    }

    /** @param pod a pod that is gone; its IP becomes free */
    @Override
    public void forget(Pod pod) {
        ips.release(pod.getMetadata().getUid());
    }

    /**
     * Writes the Running status. Uses the pod's resourceVersion, so a pod changed meanwhile fails with 409 and is
     * retried from the newer copy.
     *
     * @param pod the pod as last seen
     */
    @Override
    public void start(Pod pod) {
        if (!needsIpAndRunning(pod)) {
            return;
        }
        String ip = Optional.ofNullable(pod.getStatus()).map(PodStatus::getPodIP).filter(s -> !s.isEmpty())
                .orElseGet(() -> ips.allocate(pod.getMetadata().getUid()));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        PodStatus status = new PodStatusBuilder(Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new))
                .withPhase("Running")
                .withPodIP(ip)
                .withPodIPs(new PodIP(ip))
                .withStartTime(now)
                .withConditions(condition("PodScheduled", now), condition("Initialized", now),
                        condition("ContainersReady", now), condition("Ready", now))
                .withContainerStatuses(containerStatuses(pod, now, true, 0))
                .build();
        client.pods().inNamespace(pod.getMetadata().getNamespace())
                .resource(new PodBuilder(pod).withStatus(status).build())
                .updateStatus();
        LOG.debug("started pod {}/{} with IP {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), ip);
    }

    @Override
    public void retainOnly(Collection<String> liveUids) {
        ips.retainOnly(liveUids);
    }

    private static PodCondition condition(String type, String now) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build();
    }

    /**
     * @param pod the pod
     * @param startedAt when its containers started
     * @param ready whether they are ready
     * @param restarts how often they were restarted
     * @return a running status for each of the pod's containers
     */
    static List<ContainerStatus> containerStatuses(Pod pod, String startedAt, boolean ready, int restarts) {
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return statuses;
        }
        for (Container container : pod.getSpec().getContainers()) {
            statuses.add(new ContainerStatusBuilder()
                    .withName(container.getName())
                    .withImage(container.getImage())
                    .withImageID("")
                    .withContainerID("simcluster://" + pod.getMetadata().getUid() + "/" + container.getName())
                    .withReady(ready)
                    .withStarted(true)
                    .withRestartCount(restarts)
                    .withNewState().withNewRunning().withStartedAt(startedAt).endRunning().endState()
                    .build());
        }
        return statuses;
    }
}
