package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Deployment controller's part, with the ReplicaSet layer folded in: keep {@code spec.replicas} pods of the
 * current template, roll pods of an older template once the new ones are ready (all at once for the
 * {@code Recreate} strategy), delete the pods of a Deployment that is gone (garbage collection by owner
 * reference), and report the counts in the Deployment's status.
 * <p>
 * It reads the Deployment and its pods fresh from the API server on every reconcile instead of from the informer
 * caches: right after this controller created a pod the cache may not hold it yet, and counting from the cache
 * would create it twice. Informers only say which Deployment to look at.
 */
final class DeploymentController {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentController.class);

    private final KubernetesClient client;

    DeploymentController(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param namespace the Deployment's namespace
     * @param name its name; it may no longer exist
     */
    void reconcile(String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
            deletePods(ownedBy(listPods(namespace, Map.of()), name, null));
            return;
        }
        String uid = deployment.getMetadata().getUid();
        Map<String, String> selector = deployment.getSpec().getSelector() == null ? Map.of()
                : Objects.requireNonNullElse(deployment.getSpec().getSelector().getMatchLabels(), Map.of());
        List<Pod> candidates = listPods(namespace, selector);
        List<Pod> strays = ownedBy(candidates, name, null).stream()
                .filter(p -> !uid.equals(PodTemplates.deploymentOwner(p).orElseThrow().getUid()))
                .collect(Collectors.toList());
        List<Pod> owned = ownedBy(candidates, name, uid);
        String hash = PodTemplates.templateHash(deployment.getSpec().getTemplate());
        List<Pod> current = new ArrayList<>();
        List<Pod> old = new ArrayList<>();
        for (Pod pod : owned) {
            boolean isCurrent = hash.equals(pod.getMetadata().getLabels() == null ? null
                    : pod.getMetadata().getLabels().get(PodTemplates.HASH_LABEL));
            (isCurrent ? current : old).add(pod);
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        boolean recreate = deployment.getSpec().getStrategy() != null
                && "Recreate".equals(deployment.getSpec().getStrategy().getType());

        List<Pod> toDelete = new ArrayList<>(strays);
        int toCreate = 0;
        if (recreate && !old.isEmpty()) {
            toDelete.addAll(old);
        } else {
            toCreate = Math.max(0, desired - current.size());
            if (current.size() > desired) {
                // like the ReplicaSet controller: not-ready pods go first, then the youngest
                current.sort(Comparator.comparing(PodTemplates::isReady)
                        .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()));
                toDelete.addAll(current.subList(0, current.size() - desired));
            }
            long readyCurrent = current.stream().filter(PodTemplates::isReady).count();
            if (!old.isEmpty() && readyCurrent >= desired) {
                toDelete.addAll(old);
            }
        }
        for (int i = 0; i < toCreate; i++) {
            client.pods().inNamespace(namespace).resource(PodTemplates.newPod(deployment, hash)).create();
        }
        deletePods(toDelete);
        if (toCreate == 0 && toDelete.isEmpty()) {
            // Only a reconcile that changed nothing reports status: after a change, the pods' events bring us
            // back here and the counts are taken from what really exists.
            writeStatus(deployment, owned, current.size(), desired);
        } else {
            LOG.debug("deployment {}/{}: created {}, deleted {}", namespace, name, toCreate, toDelete.size());
        }
    }

    private List<Pod> listPods(String namespace, Map<String, String> selector) {
        var pods = client.pods().inNamespace(namespace);
        return (selector.isEmpty() ? pods.list() : pods.withLabels(selector).list()).getItems();
    }

    /** Pods whose controller is the Deployment called {@code name}; with that uid only, unless uid is null. */
    private static List<Pod> ownedBy(List<Pod> pods, String name, String uid) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> PodTemplates.deploymentOwner(p)
                        .filter(r -> name.equals(r.getName()) && (uid == null || uid.equals(r.getUid())))
                        .isPresent())
                .collect(Collectors.toList());
    }

    private void deletePods(List<Pod> pods) {
        for (Pod pod : pods) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        }
    }

    private void writeStatus(Deployment deployment, List<Pod> owned, int updated, int desired) {
        int ready = (int) owned.stream().filter(PodTemplates::isReady).count();
        DeploymentStatus next = DeploymentStatusCalculator.next(deployment, owned.size(), updated, ready, desired);
        if (DeploymentStatusCalculator.sameCounts(deployment.getStatus(), next)) {
            return;
        }
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .resource(new DeploymentBuilder(deployment).withStatus(next).build())
                .updateStatus();
    }
}
