package org.osc.server.job;

import java.util.List;

/**
 * The ids a {@link JobStore} assigned when it created a job.
 *
 * @param jobId the job's id
 * @param taskIds the tasks' ids, in the order of {@link NewJob#tasks()}
 */
public record JobIds(long jobId, List<Long> taskIds) {

    public JobIds {
        taskIds = List.copyOf(taskIds);
    }
}
