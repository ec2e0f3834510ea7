package org.osc.server.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.server.handoff.Replica.GROUP;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osc.server.job.InMemoryJobStore;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.JobStore;
import org.osc.server.job.NewJob;
import org.osc.server.job.Runner;
import org.osc.server.job.StartedBy;
import org.osc.server.job.TaskRecord;
import org.osc.server.job.TaskState;
import org.osc.server.job.TaskStatus;
import org.osc.server.leader.internal.SingleProcess;

/**
 * The handoff's rules on two replicas sharing one job store (as two OSC replicas share one database): a follower's
 * REST write is run by the leader under the job id the follower answered; a new leader ends what a dead one left
 * running and reconciles those objects again; a replica that stops leading leaves its waiting jobs QUEUED.
 */
@Timeout(60)
class JobHandoffTest {

    private static final Duration POLL = Duration.ofMillis(100);

    private final JobStore store = new InMemoryJobStore();
    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void tearDown() {
        replicas.forEach(Replica::close);
    }

    private Replica replica(String name, boolean leads) {
        Replica replica = new Replica(name, store, leads, POLL, 2);
        replicas.add(replica);
        return replica;
    }

    @Test
    void aWriteOnTheFollowerIsRunByTheLeaderUnderTheJobIdTheFollowerAnswered() throws Exception {
        Replica leader = replica("a", true);
        Replica follower = replica("b", false);

        long jobId = StartedBy.call("alice", () -> follower.loop.reconcile(GROUP, 7));

        JobRecord job = follower.jobs.await(jobId, Duration.ofSeconds(20)); // waits for the leader to run it
        assertEquals(job, awaitDone(jobId));
        assertEquals(JobStatus.PASSED, job.status());
        assertEquals("alice", job.startedBy());
        assertTrue(leader.began.containsKey(jobId), "the leader ran the very job the follower answered");
        assertFalse(follower.began.containsKey(jobId));
        assertEquals(1, leader.runs(7));
        assertEquals(0, follower.runs(7));
    }

    @Test
    void twoWritesOfOneObjectOnTheFollowerBothEndAndNeitherRunsTwice() throws Exception {
        Replica leader = replica("a", true);
        Replica follower = replica("b", false);
        CountDownLatch gate = new CountDownLatch(1);
        leader.gates.put(7L, gate);

        long first = follower.loop.reconcile(GROUP, 7);
        waitFor(() -> leader.began.containsKey(first));
        long second = follower.loop.reconcile(GROUP, 7);
        long third = follower.loop.reconcile(GROUP, 7);
        gate.countDown();

        for (long id : List.of(first, second, third)) {
            assertEquals(JobStatus.PASSED, awaitDone(id).status(), "job " + id);
        }
        assertEquals(3, leader.runs(7), "one run per job, none twice");
    }

    @Test
    void aNewLeaderEndsTheJobsADeadLeaderLeftRunningAndReconcilesTheirObjectsAgain() throws Exception {
        long orphan = runningJob(5, "alice");
        long stillQueued = store.create(new NewJob("Reconcile group 6", List.of(GROUP.ref(6)), Instant.now(), "bob"));
        Replica successor = replica("b", false);
        Thread.sleep(3 * POLL.toMillis());
        assertEquals(JobState.RUNNING, store.findJob(orphan).orElseThrow().state(), "a follower touches nothing");
        assertEquals(JobState.QUEUED, store.findJob(stillQueued).orElseThrow().state());

        successor.leadership.lead();

        JobRecord ended = awaitDone(orphan);
        assertEquals(JobStatus.ABORTED, ended.status());
        Matcher again = Pattern.compile("reconciled again by job (\\d+)").matcher(ended.failureReason());
        assertTrue(again.find(), ended.failureReason());
        long rerun = Long.parseLong(again.group(1));
        assertNotEquals(orphan, rerun);
        assertEquals(JobStatus.PASSED, awaitDone(rerun).status());
        assertEquals(JobHandoff.TAKEOVER, store.findJob(rerun).orElseThrow().startedBy());
        TaskRecord task = store.tasks(orphan).get(0);
        assertEquals(TaskState.COMPLETED, task.state());
        assertEquals(TaskStatus.ABORTED, task.status());
        assertEquals(JobStatus.PASSED, awaitDone(stillQueued).status(), "the queued job is run, not dropped");
        assertEquals(1, successor.runs(6));
    }

    @Test
    void aReplicaThatDoesNotLeadEndsNoRunningJobAndTheLeaderKeepsItsOwn() throws Exception {
        Replica leader = replica("a", true);
        CountDownLatch gate = new CountDownLatch(1);
        leader.gates.put(3L, gate);
        long own = leader.loop.reconcile(GROUP, 3);
        waitFor(() -> leader.runs(3) == 1);
        Replica follower = replica("b", false);

        leader.handoff.takeOver(); // as if it started leading again: its own running job is not the dead one's
        Thread.sleep(3 * POLL.toMillis());

        assertFalse(store.findJob(own).orElseThrow().isDone(), "a job of the replica that leads is not touched");
        gate.countDown();
        assertEquals(JobStatus.PASSED, awaitDone(own).status());
        assertEquals(0, follower.runs(3));
    }

    @Test
    void jobsALeaderKeptAndDidNotStartStayQueuedWhenItStopsLeadingAndTheNextLeaderRunsThem() throws Exception {
        Replica first = new Replica("a", store, true, POLL, 1);
        replicas.add(first);
        Replica second = replica("b", false);
        CountDownLatch gate = new CountDownLatch(1);
        first.gates.put(1L, gate);
        long busy = first.loop.reconcile(GROUP, 1);
        waitFor(() -> first.runs(1) == 1); // its only worker is busy: the next jobs wait
        long waiting = first.loop.reconcile(GROUP, 2);
        long fromFollower = second.loop.reconcile(GROUP, 3);
        waitFor(() -> first.loop.holds(fromFollower));

        first.leadership.lose();
        waitFor(() -> !first.loop.holds(waiting) && !first.loop.holds(fromFollower));
        gate.countDown();
        first.close(); // a clean stop does not fail them either
        replicas.remove(first);

        assertEquals(JobState.QUEUED, store.findJob(waiting).orElseThrow().state());
        assertEquals(JobState.QUEUED, store.findJob(fromFollower).orElseThrow().state());
        second.leadership.lead();
        assertEquals(JobStatus.PASSED, awaitDone(waiting).status());
        assertEquals(JobStatus.PASSED, awaitDone(fromFollower).status());
        assertTrue(second.began.containsKey(waiting) && second.began.containsKey(fromFollower));
        assertTrue(store.findJob(busy).orElseThrow().isDone(), "the running one ended as jobs end at a stop");
    }

    @Test
    void aRestartedSingleServerRunsWhatWasQueuedAndEndsWhatWasRunning() throws Exception {
        long queued = store.create(new NewJob("Reconcile group 8", List.of(GROUP.ref(8)), Instant.now(), "alice"));
        long running = runningJob(9, "alice");
        Replica restarted = new Replica("solo", store, true, POLL, 2);
        replicas.add(restarted);
        restarted.handoff.follow(new SingleProcess("solo", Instant.now())); // no election: it always leads

        assertEquals(JobStatus.PASSED, awaitDone(queued).status());
        assertEquals(JobStatus.ABORTED, awaitDone(running).status());
        assertTrue(store.findJob(running).orElseThrow().failureReason().startsWith(
                "The OSC server running it stopped before it ended; reconciled again by job "));
        waitFor(() -> restarted.runs(9) == 1);
    }

    /** A job stored as a leader that died while running it leaves it: RUNNING, its first step RUNNING. */
    private long runningJob(long group, String who) {
        Instant now = Instant.now();
        long id = store.create(new NewJob("Reconcile group " + group, List.of(GROUP.ref(group)), now, who));
        JobRecord queued = store.findJob(id).orElseThrow();
        store.update(Runner.LOCAL, new JobRecord(id, queued.name(), JobState.RUNNING, null, null, queued.queued(), now,
                null, 1, 0, queued.objects(), who), List.of(new TaskRecord(0, id, 0, "step", TaskState.RUNNING, null,
                        null, List.of(), List.of(), now, null)));
        return id;
    }

    private JobRecord awaitDone(long jobId) throws InterruptedException {
        waitFor(() -> store.findJob(jobId).map(JobRecord::isDone).orElse(false));
        return store.findJob(jobId).orElseThrow();
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
