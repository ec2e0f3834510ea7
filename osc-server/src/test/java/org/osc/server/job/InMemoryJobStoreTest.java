package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

class InMemoryJobStoreTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2025-01-01T00:01:00Z");
    private final InMemoryJobStore store = new InMemoryJobStore(Clock.fixed(T1, ZoneOffset.UTC));

    private static NewJob job(String name, ObjectRef... objects) {
        return new NewJob(name, List.of(objects), T0);
    }

    /** The job running with the tasks a, b, c started (a passed), written in one update. */
    private List<TaskRecord> started(long jobId) {
        JobRecord running = store.findJob(jobId).orElseThrow().running(T1).withTasks(3, 1);
        return store.update(Runner.LOCAL, running, List.of(
                TaskRecord.started(jobId, 0, "a", T1).completed(TaskStatus.PASSED, null, List.of(), T1),
                TaskRecord.started(jobId, 1, "b", T1), TaskRecord.started(jobId, 2, "c", T1)));
    }

    @Test
    void createsAQueuedJobWithoutTasks() {
        long id = store.create(job("j", ObjectRef.of("DA", 1)));

        JobRecord created = store.findJob(id).orElseThrow();
        assertEquals(JobState.QUEUED, created.state());
        assertNull(created.status());
        assertEquals(0, created.taskCount());
        assertEquals(List.of(ObjectRef.of("DA", 1)), created.objects());
        assertEquals(List.of(), store.tasks(id));
    }

    @Test
    void newTasksAreInsertedAsAChainAndReturnedWithTheirIds() {
        long id = store.create(job("j"));
        List<TaskRecord> stored = started(id);

        assertEquals(stored, store.tasks(id));
        assertTrue(stored.stream().allMatch(t -> t.id() != 0 && t.jobId() == id));
        assertEquals(List.of(), stored.get(0).predecessorIds());
        assertEquals(List.of(stored.get(0).id()), stored.get(1).predecessorIds());
        assertEquals(List.of(stored.get(1).id()), stored.get(2).predecessorIds());
        assertEquals(3, store.findJob(id).orElseThrow().taskCount());
    }

    @Test
    void updatesOnlyMutableFields() {
        long id = store.create(job("j"));
        JobRecord renamed = new JobRecord(id, "other", JobState.RUNNING, null, null, T1, T1, null, 99, 1,
                List.of(ObjectRef.of("X", 9)));
        store.update(Runner.LOCAL, renamed, List.of());

        JobRecord stored = store.findJob(id).orElseThrow();
        assertEquals("j", stored.name());
        assertEquals(T0, stored.queued());
        assertEquals(List.of(), stored.objects());
        assertEquals(99, stored.taskCount());
        assertEquals(JobState.RUNNING, stored.state());
        assertEquals(1, stored.taskCompleted());
        JobRecord unknown = new JobRecord(999, "j", JobState.RUNNING, null, null, T0, T1, null, 0, 0, List.of());
        assertThrows(NoSuchElementException.class, () -> store.update(Runner.LOCAL, unknown, List.of()));
    }

    @Test
    void updateWritesJobAndTasksTogetherOrNothing() {
        long first = store.create(job("first"));
        long second = store.create(job("second"));
        TaskRecord foreign = started(second).get(1).completed(TaskStatus.PASSED, null, List.of(), T1);
        JobRecord running = store.findJob(first).orElseThrow().running(T1).withTasks(1, 0);
        TaskRecord own = TaskRecord.started(first, 0, "a", T1);

        assertThrows(NoSuchElementException.class,
                () -> store.update(Runner.LOCAL, running, List.of(own, foreign)));
        assertEquals(JobState.QUEUED, store.findJob(first).orElseThrow().state(), "nothing written");
        assertEquals(List.of(), store.tasks(first));

        store.update(Runner.LOCAL, running, List.of(own));
        assertEquals(JobState.RUNNING, store.findJob(first).orElseThrow().state());
        assertEquals(TaskState.RUNNING, store.tasks(first).get(0).state());
        assertEquals(TaskState.RUNNING, store.tasks(second).get(1).state());
    }

    @Test
    void listsNewestFirstWithStateFilterAndLimit() {
        long first = store.create(job("1"));
        long second = store.create(job("2"));
        long third = store.create(job("3"));
        store.update(Runner.LOCAL, store.findJob(second).orElseThrow().running(T1), List.of());

        assertEquals(List.of(third, second, first), ids(store.listJobs(null, 0)));
        assertEquals(List.of(third, second), ids(store.listJobs(null, 2)));
        assertEquals(List.of(second), ids(store.listJobs(JobState.RUNNING, 10)));
        assertEquals(List.of(third, first), ids(store.listJobs(JobState.QUEUED, -1)));
    }

    @Test
    void abortRunningClosesQueuedAndRunningJobsButKeepsFinishedOutcomes() {
        long queued = store.create(job("queued"));
        long running = store.create(job("running"));
        long done = store.create(job("done"));
        started(running);
        store.update(Runner.LOCAL, store.findJob(done).orElseThrow().running(T0).completed(JobStatus.PASSED, null, T0),
                List.of());

        assertEquals(2, store.abortRunning("Server restarted"));

        for (long id : List.of(queued, running)) {
            JobRecord job = store.findJob(id).orElseThrow();
            assertEquals(JobState.COMPLETED, job.state());
            assertEquals(JobStatus.ABORTED, job.status());
            assertEquals("Server restarted", job.failureReason());
            assertEquals(T1, job.completed());
            assertEquals(job.taskCount(), job.taskCompleted());
        }
        List<TaskRecord> tasks = store.tasks(running);
        assertEquals(TaskStatus.PASSED, tasks.get(0).status());
        assertEquals(TaskStatus.ABORTED, tasks.get(1).status());
        assertEquals("Server restarted", tasks.get(2).failureReason());
        assertEquals(JobStatus.PASSED, store.findJob(done).orElseThrow().status());
        assertEquals(0, store.abortRunning("again"));
    }

    private static List<Long> ids(List<JobRecord> jobs) {
        return jobs.stream().map(JobRecord::id).toList();
    }
}
