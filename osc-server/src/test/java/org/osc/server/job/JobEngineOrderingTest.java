package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JobEngineOrderingTest {

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final JobEngine engine = new JobEngine(store);
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        engine.start();
    }

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(1));
    }

    private Task recording(String name) {
        return ctx -> {
            events.add("start " + name);
            events.add("end " + name);
        };
    }

    private void assertBefore(String first, String second) {
        int a = events.indexOf(first);
        int b = events.indexOf(second);
        assertTrue(a >= 0 && b >= 0 && a < b, first + " should come before " + second + " in " + events);
    }

    @Test
    void chainRunsInOrder() throws Exception {
        long id = Chain.submit(engine, Chain.named("chain")
                .then("one", recording("1")).then("two", recording("2")).then("three", recording("3")));

        assertEquals(JobStatus.PASSED, engine.await(id, Waits.LONG).status());
        assertEquals(List.of("start 1", "end 1", "start 2", "end 2", "start 3", "end 3"), events);
        List<TaskRecord> tasks = store.tasks(id);
        assertEquals(List.of(tasks.get(1).id()), tasks.get(2).predecessorIds());
    }

    @Test
    void taskContextNamesTheTaskAndRecordsAffectedObjects() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        long id = Chain.submit(engine, Chain.named("objects").object(ObjectRef.of("DA", 7))
                .then("touch", ctx -> {
                    seen.add(ctx.jobId() + "/" + ctx.taskName());
                    ctx.status("touching two objects");
                    ctx.addObject(ObjectRef.of("DAI", 1));
                    ctx.addObject(ObjectRef.of("DAI", 2));
                    ctx.addObject(ObjectRef.of("DAI", 1));
                }));

        JobRecord job = engine.await(id, Waits.LONG);

        assertEquals(List.of(id + "/touch"), seen);
        assertEquals(List.of(ObjectRef.of("DA", 7)), job.objects());
        assertEquals(List.of(ObjectRef.of("DAI", 1), ObjectRef.of("DAI", 2)), store.tasks(id).get(0).objects());
    }

    @Test
    void jobWithoutTasksPasses() throws Exception {
        JobRecord job = engine.await(Chain.submit(engine, Chain.named("empty")), Waits.LONG);

        assertEquals(JobStatus.PASSED, job.status());
        assertEquals(0, job.taskCount());
    }
}
