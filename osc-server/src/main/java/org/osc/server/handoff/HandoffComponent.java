package org.osc.server.handoff;

import org.osc.server.jobs.JobService;
import org.osc.server.leader.Leadership;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The server's {@link JobHandoff}: it follows the {@link Leadership} service, and, while none is registered, leads
 * as a single process does (a server without an election always leads: the reference is optional and dynamic so
 * that the election's service, when it comes, is followed from then on). On PostgreSQL it is woken by
 * {@link JobNotifications}; on H2 (one process only) the poll is all there is.
 */
// GAP: until the election's Leadership service is registered (issue-leader), every replica leads by itself here:
// two replicas on one database would each take the other's RUNNING jobs over at start. One replica is safe.
@Component(immediate = true)
public class HandoffComponent {

    private final JobHandoff handoff;
    private final JobNotifications notifications;
    private volatile Leadership leadership;
    private volatile boolean active;

    /** Starts the handoff over the server's loop and jobs. */
    @Activate
    public HandoffComponent(@Reference ReconcileService loop, @Reference JobService jobs,
            @Reference Database database) {
        this.handoff = new JobHandoff(loop, jobs, jobs.adoptPoll());
        this.notifications = "PostgreSQL".equals(database.kind())
                ? new JobNotifications(
                        () -> database.openOutsidePool("job-notifications", JobNotifications.SOCKET_TIMEOUT),
                        handoff::wake, loop::holds) : null;
        synchronized (this) {
            active = true;
            handoff.follow(leadership);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void setLeadership(Leadership next) {
        leadership = next;
        if (active) {
            handoff.follow(next);
        }
    }

    synchronized void unsetLeadership(Leadership gone) {
        if (leadership == gone) {
            leadership = null;
            if (active) {
                handoff.follow(null);
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
        }
        if (notifications != null) {
            notifications.close();
        }
        handoff.close();
    }
}
