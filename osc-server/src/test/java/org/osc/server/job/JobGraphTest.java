package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.osc.server.job.JobGraph.after;

import java.util.List;

import org.junit.jupiter.api.Test;

class JobGraphTest {

    private static final Task NOTHING = ctx -> { };

    @Test
    void recordsTasksPredecessorsAndObjects() {
        ObjectRef group = ObjectRef.of("SECURITY_GROUP", 12);
        JobGraph graph = JobGraph.named("Sync security group 'web'").object(group)
                .task("a", NOTHING)
                .task("b", NOTHING, after("a"))
                .then("c", NOTHING);

        assertEquals("Sync security group 'web'", graph.name());
        assertEquals(List.of(group), graph.objects());
        assertEquals(3, graph.size());
        assertEquals(List.of(), graph.tasks().get(0).predecessors());
        assertEquals(List.of(0), graph.tasks().get(1).predecessors());
        assertEquals(List.of(1), graph.tasks().get(2).predecessors());
    }

    @Test
    void rejectsDuplicateNamesUnknownPredecessorsAndBlankNames() {
        JobGraph graph = JobGraph.named("j").task("a", NOTHING);
        assertThrows(IllegalArgumentException.class, () -> graph.task("a", NOTHING));
        // a predecessor must exist already: this is what makes cycles impossible
        assertThrows(IllegalArgumentException.class, () -> graph.task("b", NOTHING, after("c")));
        assertThrows(IllegalArgumentException.class, () -> graph.task(" ", NOTHING));
        assertThrows(IllegalArgumentException.class, () -> JobGraph.named(""));
        assertEquals(1, graph.size());
    }
}
