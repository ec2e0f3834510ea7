package org.osc.server.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osc.server.domain.ObjectType;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.job.NewJob;
import org.osc.server.job.ObjectRef;
import org.osc.server.job.Runner;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.reconcile.LastJob;

class LastJobsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void eachObjectShowsItsNewestJobAndItsRetry(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            JpaJobStore store = new JpaJobStore(db);
            Instant retry = Instant.parse("2026-01-01T00:00:00Z");
            long older = job(store, ObjectType.SECURITY_GROUP.ref(1));
            long shared = job(store, ObjectType.SECURITY_GROUP.ref(1), ObjectType.SECURITY_GROUP.ref(2));
            long passed = job(store, ObjectType.SECURITY_GROUP.ref(3));
            complete(store, passed, JobStatus.PASSED);
            job(store, ObjectType.SECURITY_GROUP_INTERFACE.ref(4));

            Map<Long, LastJob> last = db.inTransaction(s -> LastJobs.of(s, ObjectType.SECURITY_GROUP,
                    List.of(1L, 2L, 3L, 4L), id -> id == 2 ? Optional.of(retry) : Optional.empty()));

            assertEquals(new LastJob(shared, "QUEUED", null, null), last.get(1L), "the newer of two, not " + older);
            assertEquals(new LastJob(shared, "QUEUED", null, retry), last.get(2L), "a job about two objects");
            assertEquals(new LastJob(passed, "COMPLETED", "PASSED", null), last.get(3L));
            assertEquals(new LastJob(null, null, null, null), last.get(4L), "a job of another type does not count");

            long newestOfTwo = job(store, ObjectType.SECURITY_GROUP.ref(2));
            Map<Long, LastJob> apart = db.read(s -> LastJobs.of(s, ObjectType.SECURITY_GROUP, List.of(3L, 1L),
                    id -> Optional.empty()));
            assertEquals(Map.of(1L, new LastJob(shared, "QUEUED", null, null),
                    3L, new LastJob(passed, "COMPLETED", "PASSED", null)), apart,
                    "objects asked for out of order, with one between them not asked for (its job " + newestOfTwo
                            + " is the newest)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void moreObjectsThanOneQueryTakesAreAllAnswered(String kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            JpaJobStore store = new JpaJobStore(db);
            long first = job(store, ObjectType.DEPLOYMENT_SPEC.ref(7));
            long late = job(store, ObjectType.DEPLOYMENT_SPEC.ref(LastJobs.CHUNK + 7));
            List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 2L * LastJobs.CHUNK + 1).boxed().toList());

            Map<Long, LastJob> last = db.inTransaction(s -> LastJobs.of(s, ObjectType.DEPLOYMENT_SPEC, ids,
                    id -> Optional.empty()));

            assertEquals(ids.size(), last.size());
            assertEquals(first, last.get(7L).lastJobId());
            assertEquals(late, last.get(LastJobs.CHUNK + 7L).lastJobId());
            assertNull(last.get(8L).lastJobId());
        }
    }

    private static long job(JpaJobStore store, ObjectRef... objects) {
        return store.create(new NewJob("reconcile", List.of(objects), Instant.now()));
    }

    private static void complete(JpaJobStore store, long id, JobStatus status) {
        JobRecord queued = store.findJob(id).orElseThrow();
        Instant now = Instant.now();
        store.update(Runner.LOCAL, new JobRecord(id, queued.name(), JobState.COMPLETED, status, null, queued.queued(),
                now, now, queued.taskCount(), queued.taskCount(), queued.objects()), List.of());
    }
}
