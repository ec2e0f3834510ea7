package org.osc.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class JobGraphTest {

    private static final Task NOTHING = ctx -> { };

    @Test
    void aChainRecordsEachTasksPredecessorAndTheObjects() {
        ObjectRef group = ObjectRef.of("SECURITY_GROUP", 12);
        JobGraph graph = JobGraph.named("Sync security group 'web'").object(group)
                .then("a", NOTHING)
                .then("b", NOTHING)
                .then("c", NOTHING);

        assertEquals("Sync security group 'web'", graph.name());
        assertEquals(List.of(group), graph.objects());
        assertEquals(3, graph.size());
        assertEquals(List.of(), graph.tasks().get(0).predecessors());
        assertEquals(List.of(0), graph.tasks().get(1).predecessors());
        assertEquals(List.of(1), graph.tasks().get(2).predecessors());
    }

    @Test
    void rejectsDuplicateAndBlankNames() {
        JobGraph graph = JobGraph.named("j").then("a", NOTHING);
        assertThrows(IllegalArgumentException.class, () -> graph.then("a", NOTHING));
        assertThrows(IllegalArgumentException.class, () -> graph.then(" ", NOTHING));
        assertThrows(IllegalArgumentException.class, () -> JobGraph.named(""));
        assertEquals(1, graph.size());
    }
}
