package org.osc.server.rest.resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osc.server.error.NotFoundException;
import org.osc.server.error.ValidationException;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.ObjectRef;
import org.osc.server.job.TaskRecord;
import org.osc.server.jobs.JobService;
import org.osc.server.rest.OscApplication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /jobs}: what the server did and is doing, with each job's tasks. */
@Component(service = JobsResource.class)
@JakartarsResource
@JakartarsApplicationSelect(OscApplication.SELECT)
@JakartarsExtensionSelect("(osgi.jakartars.name=osc.json)")
@Path("server/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    /**
     * A job on the wire; {@code startedBy}: a user or API token, or cluster, resync, startup, retry, takeover;
     * {@code runner}: the replica that runs it, ran it or took it over (its identity), null when none did yet.
     */
    public record JobBody(long id, String name, String state, String status, String failureReason, Instant queued,
            Instant started, Instant completed, int taskCount, int taskCompleted, List<ObjectRef> objects,
            String startedBy, String runner) {

        static JobBody of(JobRecord job) {
            return new JobBody(job.id(), job.name(), job.state().name(),
                    job.status() == null ? null : job.status().name(), job.failureReason(), job.queued(),
                    job.started(), job.completed(), job.taskCount(), job.taskCompleted(), job.objects(),
                    job.startedBy(), job.runner());
        }
    }

    /** A task on the wire. */
    public record TaskBody(long id, String name, String state, String status, String failReason,
            List<Long> predecessors, List<ObjectRef> objects, Instant started, Instant completed) {

        static TaskBody of(TaskRecord task) {
            return new TaskBody(task.id(), task.name(), task.state().name(),
                    task.status() == null ? null : task.status().name(), task.failureReason(),
                    task.predecessorIds(), task.objects(), task.started(), task.completed());
        }
    }

    private final JobService jobs;

    /** Resource over the job service. */
    @Activate
    public JobsResource(@Reference JobService jobs) {
        this.jobs = jobs;
    }

    /** @return jobs newest first; {@code state} filters, {@code limit} caps (default 100, 0 for all) */
    @GET
    public Map<String, List<JobBody>> list(@QueryParam("state") String state,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "100"))
            @QueryParam("limit") @DefaultValue("100") String limit) {
        return Map.of("items", jobs.list(parseState(state), parseLimit(limit)).stream().map(JobBody::of).toList());
    }

    /** Parsed here rather than by the framework, which answers 404 to a query parameter that is not a number. */
    private static int parseLimit(String limit) {
        try {
            int parsed = Integer.parseInt(limit.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ValidationException("limit", "must be an integer, 0 (all) or more");
    }

    /** @return one job */
    @GET
    @Path("{jobId}")
    public JobBody get(@PathParam("jobId") long jobId) {
        return JobBody.of(jobs.find(jobId).orElseThrow(() -> new NotFoundException("Job " + jobId)));
    }

    /** @return the tasks of a job, in order */
    @GET
    @Path("{jobId}/tasks")
    public Map<String, List<TaskBody>> tasks(@PathParam("jobId") long jobId) {
        jobs.find(jobId).orElseThrow(() -> new NotFoundException("Job " + jobId));
        return Map.of("items", jobs.tasks(jobId).stream().map(TaskBody::of).toList());
    }

    private static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("state", "must be one of QUEUED, RUNNING, COMPLETED");
        }
    }
}
