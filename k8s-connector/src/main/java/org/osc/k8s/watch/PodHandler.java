package org.osc.k8s.watch;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.osc.platform.api.Workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Pod events to reports. A change is reported only when OSC's view of the pod changed ({@link PodViews}): a
 * status-only update (conditions, container states, phase Pending to Running) is dropped, as is anything from a
 * generation of informers that was replaced. A pod is either a membership candidate or one of OSC's VNF pods;
 * a pod relabelled from one to the other is reported to both sides.
 */
final class PodHandler implements ResourceEventHandler<Pod> {

    private final long connectorId;
    private final ClusterEvents events;
    private final BooleanSupplier current;
    private final Predicate<Pod> listedBeforeSync;

    /**
     * @param current whether events count: the informers are current and have synced
     * @param listedBeforeSync true (once) for the add notification of a pod the first list already had: the
     *     resync reported at the sync covers it, and fabric8 may deliver such notifications after the sync
     */
    PodHandler(long connectorId, ClusterEvents events, BooleanSupplier current, Predicate<Pod> listedBeforeSync) {
        this.connectorId = connectorId;
        this.events = events;
        this.current = current;
        this.listedBeforeSync = listedBeforeSync;
    }

    @Override
    public void onAdd(Pod pod) {
        if (current.getAsBoolean() && listedBeforeSync.test(pod)) {
            return;
        }
        changed(null, pod);
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
        changed(before, after);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        changed(pod, null);
    }

    private void changed(Pod before, Pod after) {
        if (!current.getAsBoolean()) {
            return;
        }
        Workload memberBefore = PodViews.member(before);
        Workload memberAfter = PodViews.member(after);
        if (!Objects.equals(memberBefore, memberAfter)) {
            events.workloadsChanged(connectorId, memberBefore, memberAfter);
        }
        if (!Objects.equals(PodViews.vnf(before), PodViews.vnf(after))) {
            OptionalLong specBefore = PodViews.specId(before);
            OptionalLong specAfter = PodViews.specId(after);
            specBefore.ifPresent(id -> events.deploymentChanged(connectorId, id));
            if (specAfter.isPresent() && !specAfter.equals(specBefore)) {
                events.deploymentChanged(connectorId, specAfter.getAsLong());
            }
        }
    }
}
