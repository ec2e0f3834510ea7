package org.osc.server.mc;

import java.util.Map;

/**
 * What a write that starts a reconcile answers: the object's id and the job's id.
 *
 * @param id the object created or changed
 * @param jobId the reconcile job started (or joined) for it
 */
public record JobStarted(long id, long jobId) {

    /** @return the response body {@code {"id", "jobId"}} */
    public Map<String, Long> body() {
        return Map.of("id", id, "jobId", jobId);
    }
}
