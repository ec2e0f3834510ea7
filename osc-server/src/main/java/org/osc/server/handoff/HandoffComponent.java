package org.osc.server.handoff;

import org.osc.server.jobs.JobService;
import org.osc.server.leader.Leadership;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The server's {@link JobHandoff}: it follows the election's {@link Leadership} service (a single process's always
 * leads), and starts only once the election has: a replica must not take over jobs before it knows whether it
 * leads. On PostgreSQL it is woken by {@link JobNotifications}; on H2 (one process only) the poll is all there is.
 */
@Component(immediate = true)
public class HandoffComponent {

    private final JobHandoff handoff;
    private final JobNotifications notifications;

    /** Starts the handoff over the server's loop and jobs, following the election. */
    @Activate
    public HandoffComponent(@Reference ReconcileService loop, @Reference JobService jobs,
            @Reference Database database, @Reference Leadership leadership) {
        this.handoff = new JobHandoff(loop, jobs, jobs.adoptPoll());
        this.notifications = "PostgreSQL".equals(database.kind())
                ? new JobNotifications(
                        () -> database.openOutsidePool("job-notifications", JobNotifications.SOCKET_TIMEOUT),
                        handoff::wake, loop::holds) : null;
        handoff.follow(leadership);
    }

    @Deactivate
    void deactivate() {
        if (notifications != null) {
            notifications.close();
        }
        handoff.close();
    }
}
