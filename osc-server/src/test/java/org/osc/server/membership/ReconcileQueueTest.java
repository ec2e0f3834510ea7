package org.osc.server.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.osc.server.domain.ObjectType;

/** Requests waiting to be handed on are coalesced per object; a failing hand-on does not stop the others. */
class ReconcileQueueTest {

    @Test
    void requestsForTheSameObjectJoinWhileTheyWait() {
        List<Runnable> parked = new ArrayList<>();
        Executor later = parked::add;
        List<String> handed = new ArrayList<>();
        ReconcileQueue queue = new ReconcileQueue((type, id) -> handed.add(type + " " + id), later);
        for (int i = 0; i < 100; i++) {
            queue.request(ObjectType.SECURITY_GROUP, 7);
            queue.request(ObjectType.SECURITY_GROUP, 8);
        }
        queue.request(ObjectType.DEPLOYMENT_SPEC, 7);
        assertEquals(1, parked.size(), "one drain scheduled for the burst");
        parked.get(0).run();
        assertEquals(List.of("SECURITY_GROUP 7", "SECURITY_GROUP 8", "DEPLOYMENT_SPEC 7"), handed);

        queue.request(ObjectType.SECURITY_GROUP, 7);
        assertEquals(2, parked.size(), "handed on: a new request is a new one");
    }

    @Test
    void aFailingRequestDoesNotStopTheOthers() {
        List<Long> handed = new ArrayList<>();
        ReconcileQueue queue = new ReconcileQueue((type, id) -> {
            if (id == 1) {
                throw new IllegalStateException("no reconciler");
            }
            handed.add(id);
        }, Runnable::run);
        queue.request(ObjectType.SECURITY_GROUP, 1);
        queue.request(ObjectType.SECURITY_GROUP, 2);
        assertEquals(List.of(2L), handed);
    }
}
