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
        return new NewJob(name, List.of(objects), T0,
                List.of(new NewTask("a", List.of()), new NewTask("b", List.of(0)), new NewTask("c", List.of(0, 1))));
    }

    @Test
    void createsQueuedJobWithTasksAndPredecessorIds() {
        JobIds ids = store.create(job("j", ObjectRef.of("DA", 1)));

        JobRecord created = store.findJob(ids.jobId()).orElseThrow();
        assertEquals(JobState.QUEUED, created.state());
        assertNull(created.status());
        assertEquals(3, created.taskCount());
        assertEquals(List.of(ObjectRef.of("DA", 1)), created.objects());
        List<TaskRecord> tasks = store.tasks(ids.jobId());
        assertEquals(ids.taskIds(), tasks.stream().map(TaskRecord::id).toList());
        assertTrue(tasks.stream().allMatch(t -> t.state() == TaskState.QUEUED && t.jobId() == ids.jobId()));
        assertEquals(List.of(ids.taskIds().get(0), ids.taskIds().get(1)), tasks.get(2).predecessorIds());
    }

    @Test
    void updatesOnlyMutableFields() {
        JobIds ids = store.create(job("j"));
        JobRecord renamed = new JobRecord(ids.jobId(), "other", JobState.RUNNING, null, null, T1, T1, null, 99, 1,
                List.of(ObjectRef.of("X", 9)));
        store.update(renamed, List.of());

        JobRecord stored = store.findJob(ids.jobId()).orElseThrow();
        assertEquals("j", stored.name());
        assertEquals(T0, stored.queued());
        assertEquals(3, stored.taskCount());
        assertEquals(JobState.RUNNING, stored.state());
        assertEquals(1, stored.taskCompleted());
        JobRecord unknown = new JobRecord(999, "j", JobState.RUNNING, null, null, T0, T1, null, 0, 0, List.of());
        assertThrows(NoSuchElementException.class, () -> store.update(unknown, List.of()));
    }

    @Test
    void updateWritesJobAndTasksTogetherOrNothing() {
        JobIds first = store.create(job("first"));
        JobIds second = store.create(job("second"));
        JobRecord running = store.findJob(first.jobId()).orElseThrow().running(T1);
        TaskRecord own = store.tasks(first.jobId()).get(0).running(T1);
        TaskRecord foreign = store.tasks(second.jobId()).get(0).running(T1);

        assertThrows(NoSuchElementException.class, () -> store.update(running, List.of(own, foreign)));
        assertEquals(JobState.QUEUED, store.findJob(first.jobId()).orElseThrow().state(), "nothing written");
        assertEquals(TaskState.QUEUED, store.tasks(first.jobId()).get(0).state());

        store.update(running, List.of(own));
        assertEquals(JobState.RUNNING, store.findJob(first.jobId()).orElseThrow().state());
        assertEquals(TaskState.RUNNING, store.tasks(first.jobId()).get(0).state());
        assertEquals(TaskState.QUEUED, store.tasks(second.jobId()).get(0).state());
    }

    @Test
    void listsNewestFirstWithStateFilterAndLimit() {
        long first = store.create(job("1")).jobId();
        long second = store.create(job("2")).jobId();
        long third = store.create(job("3")).jobId();
        store.update(store.findJob(second).orElseThrow().running(T1), List.of());

        assertEquals(List.of(third, second, first), ids(store.listJobs(null, 0)));
        assertEquals(List.of(third, second), ids(store.listJobs(null, 2)));
        assertEquals(List.of(second), ids(store.listJobs(JobState.RUNNING, 10)));
        assertEquals(List.of(third, first), ids(store.listJobs(JobState.QUEUED, -1)));
    }

    @Test
    void lastJobForAnObjectIsTheNewestNamingIt() {
        ObjectRef sg = ObjectRef.of("SECURITY_GROUP", 3);
        store.create(job("1", sg));
        long second = store.create(job("2", sg, ObjectRef.of("DA", 1))).jobId();
        store.create(job("3", ObjectRef.of("DA", 1)));

        assertEquals(second, store.lastJobFor(sg).orElseThrow().id());
        assertTrue(store.lastJobFor(ObjectRef.of("SECURITY_GROUP", 4)).isEmpty());
    }

    @Test
    void abortRunningClosesQueuedAndRunningJobsButKeepsFinishedOutcomes() {
        long queued = store.create(job("queued")).jobId();
        long running = store.create(job("running")).jobId();
        long done = store.create(job("done")).jobId();
        TaskRecord passed = store.tasks(running).get(0);
        store.update(store.findJob(running).orElseThrow().running(T0),
                List.of(passed.running(T0).completed(TaskStatus.PASSED, null, List.of(), T0)));
        store.update(store.findJob(done).orElseThrow().running(T0).completed(JobStatus.PASSED, null, T0), List.of());

        assertEquals(2, store.abortRunning("Server restarted"));

        for (long id : List.of(queued, running)) {
            JobRecord job = store.findJob(id).orElseThrow();
            assertEquals(JobState.COMPLETED, job.state());
            assertEquals(JobStatus.ABORTED, job.status());
            assertEquals("Server restarted", job.failureReason());
            assertEquals(T1, job.completed());
            assertEquals(3, job.taskCompleted());
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
