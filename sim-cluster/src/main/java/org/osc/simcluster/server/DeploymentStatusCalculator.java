package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's status as the real controller writes it: counts that are zero are left out (the API omits
 * them), every replica that is Ready counts as available (no {@code minReadySeconds}), and conditions keep their
 * {@code lastTransitionTime} while their status does not change.
 */
final class DeploymentStatusCalculator {

    private DeploymentStatusCalculator() {
    }

    static DeploymentStatus next(Deployment deployment, int replicas, int updated, int ready, int desired) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentStatus previous = deployment.getStatus();
        boolean available = ready >= desired;
        boolean complete = available && updated == desired && replicas == desired;
        DeploymentCondition availableCondition = condition(previous, "Available", available ? "True" : "False",
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now);
        DeploymentCondition progressing = condition(previous, "Progressing", "True",
                complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? "Pods of the current template are available." : "Pods are being updated.", now);
        return new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(omitZero(replicas))
                .withUpdatedReplicas(omitZero(updated))
                .withReadyReplicas(omitZero(ready))
                .withAvailableReplicas(omitZero(ready))
                .withUnavailableReplicas(omitZero(Math.max(0, desired - ready)))
                .withConditions(availableCondition, progressing)
                .build();
    }

    /** @return true if writing {@code next} would change nothing but timestamps */
    static boolean sameCounts(DeploymentStatus previous, DeploymentStatus next) {
        if (previous == null) {
            return false;
        }
        return Objects.equals(previous.getObservedGeneration(), next.getObservedGeneration())
                && Objects.equals(previous.getReplicas(), next.getReplicas())
                && Objects.equals(previous.getUpdatedReplicas(), next.getUpdatedReplicas())
                && Objects.equals(previous.getReadyReplicas(), next.getReadyReplicas())
                && Objects.equals(previous.getAvailableReplicas(), next.getAvailableReplicas())
                && Objects.equals(previous.getUnavailableReplicas(), next.getUnavailableReplicas())
                && sameConditions(previous.getConditions(), next.getConditions());
    }

    private static boolean sameConditions(List<DeploymentCondition> a, List<DeploymentCondition> b) {
        if (a == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).getType(), b.get(i).getType())
                    || !Objects.equals(a.get(i).getStatus(), b.get(i).getStatus())
                    || !Objects.equals(a.get(i).getReason(), b.get(i).getReason())) {
                return false;
            }
        }
        return true;
    }

    private static DeploymentCondition condition(DeploymentStatus previous, String type, String status,
            String reason, String message, String now) {
        String since = Optional.ofNullable(previous).map(DeploymentStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(DeploymentCondition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(now);
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(since).withLastUpdateTime(now).build();
    }

    private static Integer omitZero(int n) {
        return n == 0 ? null : n;
    }
}
