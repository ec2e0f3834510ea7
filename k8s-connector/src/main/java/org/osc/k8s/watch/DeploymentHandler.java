package org.osc.k8s.watch;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Events of the Deployments OSC made to reports about their deployment specs: created, deleted (by hand: the
 * spec's reconcile recreates it), or edited (spec, labels or annotations). Status updates of the Deployment
 * controller are dropped: what they reflect reaches OSC as VNF pod events.
 */
final class DeploymentHandler implements ResourceEventHandler<Deployment> {

    private final long connectorId;
    private final ClusterEvents events;
    private final BooleanSupplier current;

    DeploymentHandler(long connectorId, ClusterEvents events, BooleanSupplier current) {
        this.connectorId = connectorId;
        this.events = events;
        this.current = current;
    }

    @Override
    public void onAdd(Deployment deployment) {
        report(deployment);
    }

    @Override
    public void onUpdate(Deployment before, Deployment after) {
        if (Objects.equals(before.getSpec(), after.getSpec())
                && Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                && Objects.equals(before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations())) {
            return;
        }
        report(before);
        if (!PodViews.specId(after).equals(PodViews.specId(before))) {
            report(after);
        }
    }

    @Override
    public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
        report(deployment);
    }

    private void report(Deployment deployment) {
        OptionalLong spec = PodViews.specId(deployment);
        if (current.getAsBoolean() && spec.isPresent()) {
            events.deploymentChanged(connectorId, spec.getAsLong());
        }
    }
}
