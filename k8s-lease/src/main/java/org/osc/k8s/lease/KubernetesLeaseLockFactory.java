package org.osc.k8s.lease;

import java.util.ArrayList;
import java.util.List;

import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseLockFactory;
import org.osc.server.leader.LeaseSettings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link LeaseLockFactory} of kind {@value #KIND}: locks on a {@code coordination.k8s.io/v1} Lease (see
 * {@link KubernetesLeaseLock} for the compare-and-set and how expiry is judged). Each lock has a client of its
 * own, closed when this component is deactivated.
 *
 * <p>GAP: {@link LeaseLock} has no close, so a lock's client lives until the factory is deactivated; an election
 * that opened a new lock for every attempt would pile them up. Open one lock per election and keep it.
 */
@Component(service = LeaseLockFactory.class)
public final class KubernetesLeaseLockFactory implements LeaseLockFactory {

    /** The election setting's value for this lock ({@code OSC_LEADER_ELECTION=kubernetes}). */
    public static final String KIND = "kubernetes";

    private final List<KubernetesLeaseLock> opened = new ArrayList<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public LeaseLock open(LeaseSettings settings) throws LeaseException {
        KubernetesLeaseLock lock = KubernetesLeases.open(settings);
        synchronized (opened) {
            opened.add(lock);
        }
        return lock;
    }

    /** Closes the clients of the locks it opened. */
    @Deactivate
    public void close() {
        synchronized (opened) {
            opened.forEach(KubernetesLeaseLock::close);
            opened.clear();
        }
    }
}
