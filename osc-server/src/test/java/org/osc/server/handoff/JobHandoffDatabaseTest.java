package org.osc.server.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.server.handoff.JobHandoffTest.waitFor;
import static org.osc.server.handoff.Replica.GROUP;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.JobStore;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;

/**
 * Two replicas on one database, each with its own connection pool, job store, loop and handoff, as two OSC
 * processes: replica B follows, replica A leads. PostgreSQL runs need {@code OSC_TEST_PG_URL} (skipped without it,
 * failed under {@code OSC_REQUIRE_PG}); the latencies measured are printed.
 */
@Timeout(180)
class JobHandoffDatabaseTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Test
    void onPostgresAFollowersWriteRunsOnTheLeaderAtOnceByNotification() throws Exception {
        Database first = open(TestDatabases.postgres());
        Database second = open(TestDatabases.openAgain("postgresql", dir));
        // a poll too slow to matter: only the notification can make the leader adopt in time
        Replica leader = open(new Replica("a", new JpaJobStore(first), true, Duration.ofMinutes(10), 2));
        JobNotifications notifications = open(new JobNotifications(
                () -> first.openOutsidePool("test", JobNotifications.SOCKET_TIMEOUT),
                leader.handoff::wake, leader.loop::holds));
        waitFor(notifications::isListening);
        Replica follower = open(new Replica("b", new JpaJobStore(second), false, Duration.ofMinutes(10), 2));

        List<Long> warmUp = latencies(leader, follower, new JpaJobStore(second), 1); // first queries, JIT
        List<Long> millis = latencies(leader, follower, new JpaJobStore(second), 20);

        System.out.printf("The first write (warm-up, not counted): %d ms%n", warmUp.get(0));
        long median = median(millis);
        System.out.printf("Follower write -> its job RUNNING on the leader, NOTIFY on PostgreSQL: median %d ms, "
                + "max %d ms over %d writes (each: %s)%n", median, Collections.max(millis), millis.size(), millis);
        assertTrue(median < 1000, "median " + median + " ms");

        // two writes of one group at once: the second waits for the first's run, then is adopted without the poll
        JobStore store = new JpaJobStore(second);
        long first1 = follower.loop.reconcile(GROUP, 1);
        long second1 = follower.loop.reconcile(GROUP, 1);
        assertEquals(JobStatus.PASSED, awaitDone(store, first1).status());
        assertEquals(JobStatus.PASSED, awaitDone(store, second1).status());
        assertEquals(2, leader.runs(1));

        // the listening connection dies (the database ended it): the listener reconnects and is prompt again
        try (Connection admin = second.openOutsidePool("test", Duration.ofSeconds(10));
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
                    + JpaJobStore.JOBS_CHANNEL + "'");
        }
        waitFor(() -> !notifications.isListening());
        waitFor(notifications::isListening);
        List<Long> afterReconnect = latencies(leader, follower, store, 3);
        System.out.printf("After the listening connection was killed and reopened: %s ms%n", afterReconnect);
        assertTrue(Collections.max(afterReconnect) < 1000, afterReconnect.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void withoutNotificationsThePollAdoptsAFollowersWrite(String kind) throws Exception {
        Database first = open(TestDatabases.open(kind, dir));
        Database second = open(TestDatabases.openAgain(kind, dir));
        Duration poll = Duration.ofMillis(500);
        Replica leader = open(new Replica("a", new JpaJobStore(first), true, poll, 2));
        Replica follower = open(new Replica("b", new JpaJobStore(second), false, poll, 2));

        List<Long> millis = latencies(leader, follower, new JpaJobStore(second), 10);

        System.out.printf("Follower write -> its job RUNNING on the leader, poll every %d ms on %s: median %d ms, "
                + "max %d ms over %d writes%n", poll.toMillis(), kind, median(millis), Collections.max(millis),
                millis.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aNewLeaderEndsWhatTheDeadLeaderRanAndRunsWhatItHadQueued(String kind) throws Exception {
        Database first = open(TestDatabases.open(kind, dir));
        Database second = open(TestDatabases.openAgain(kind, dir));
        JobStore store = new JpaJobStore(second);
        Replica dead = new Replica("b", new JpaJobStore(second), true, Duration.ofMillis(200), 1);
        CountDownLatch gate = new CountDownLatch(1);
        dead.gates.put(1L, gate);
        Replica successor = open(new Replica("a", new JpaJobStore(first), false, Duration.ofMillis(200), 2));
        try {
            long running = dead.loop.reconcile(GROUP, 1);
            waitFor(() -> store.findJob(running).map(j -> j.state() == JobState.RUNNING).orElse(false)
                    && dead.runs(1) == 1);
            long queuedOnLeader = dead.loop.reconcile(GROUP, 2); // its only worker is busy: it waits there
            long queuedOnFollower = successor.loop.reconcile(GROUP, 3);
            Thread.sleep(500);
            assertEquals(JobState.RUNNING, store.findJob(running).orElseThrow().state(), "a follower ends nothing");
            assertEquals(JobState.QUEUED, store.findJob(queuedOnLeader).orElseThrow().state());

            // b dies without a word (kill -9): its lease runs out and a leads
            successor.leadership.lead();

            JobRecord ended = awaitDone(store, running);
            assertEquals(JobStatus.ABORTED, ended.status());
            Matcher again = Pattern.compile("reconciled again by job (\\d+)").matcher(ended.failureReason());
            assertTrue(again.find(), ended.failureReason());
            assertEquals(JobStatus.PASSED, awaitDone(store, Long.parseLong(again.group(1))).status());
            assertEquals(JobStatus.PASSED, awaitDone(store, queuedOnLeader).status());
            assertEquals(JobStatus.PASSED, awaitDone(store, queuedOnFollower).status());
            assertEquals(1, successor.runs(1));
            assertEquals(1, successor.runs(2));
            assertEquals(1, successor.runs(3));
            assertFalse(dead.began.containsKey(queuedOnLeader));
            assertEquals("a", ended.runner(), "the takeover names the new leader");

            // b was only paused (SIGSTOP past its lease): it resumes, its step ends and it ends its job, late
            gate.countDown();
            waitFor(() -> !dead.loop.holds(running));
            assertEquals(ended, store.findJob(running).orElseThrow(), "the old leader's late end changed nothing");
            assertEquals(1, store.tasks(running).size(), "nor did any task of it land");
        } finally {
            dead.handoff.close();
            gate.countDown();
            dead.loop.close();
            dead.jobs.engine().close();
        }
    }

    /**
     * Writes on the follower, one at a time, each to a group of its own, and measures how long each took from the
     * write to its job's reconcile starting on the leader; every job must end PASSED.
     */
    private static List<Long> latencies(Replica leader, Replica follower, JobStore store, int writes)
            throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        long base = 1000L * (1 + leader.runs.size()); // groups no earlier call wrote
        for (int i = 1; i <= writes; i++) {
            long group = base + i;
            long before = System.nanoTime();
            long jobId = follower.loop.reconcile(GROUP, group);
            waitFor(() -> leader.began.containsKey(jobId));
            millis.add((leader.began.get(jobId) - before) / 1_000_000);
            assertEquals(JobStatus.PASSED, awaitDone(store, jobId).status());
            assertEquals(1, leader.runs(group));
            assertEquals(0, follower.runs(group));
        }
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static JobRecord awaitDone(JobStore store, long jobId) throws InterruptedException {
        waitFor(() -> store.findJob(jobId).map(JobRecord::isDone).orElse(false));
        return store.findJob(jobId).orElseThrow();
    }
}
