package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.persistence.Database;

/**
 * A list reads what it shows, each row's last job included, on the one connection of its transaction: with a
 * single connection free in the pool it still answers. (Each row's last job used to be read in a transaction of its
 * own while the list held its connection, so as many parallel lists as the pool had connections waited on each
 * other until the pool's timeout, and failed.)
 */
class ListOnOneConnectionTest {

    @TempDir
    Path dir;

    @Test
    void groupsAndBindingsAreListedWithTheirLastJobsOnAPoolOfOneConnection() throws Exception {
        // A pool of two (the schema migration takes two), one of them held by another transaction while listing.
        Database two = Database.open("jdbc:h2:file:" + dir.resolve("osc") + ";WRITE_DELAY=0", "", "", 2,
                Duration.ofMillis(500));
        try (SgFixture fx = new SgFixture(dir, two)) {
            long vc = fx.connector("k8s", SgFixture.SDN);
            long vs = fx.virtualSystem(vc, "da1");
            fx.vnf(vs, "vnf-0", "10.9.0.10");
            Map<Long, Long> jobOf = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                SecurityGroupService.Created created = fx.groups.create(vc, SecurityGroupBody.of("g" + i, false,
                        null));
                fx.await(created.jobId());
                jobOf.put(created.id(), created.jobId());
            }
            long bound = jobOf.keySet().iterator().next();
            long bindingJob = fx.bindings.replace(vc, bound, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1,
                    "NA")));
            fx.await(bindingJob);
            jobOf.put(bound, bindingJob);

            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch listed = new CountDownLatch(1);
            Thread holder = new Thread(() -> two.run(s -> {
                held.countDown();
                await(listed);
            }));
            holder.start();
            held.await();
            List<SecurityGroupBody> groups;
            long groupJob;
            List<BindingBody> bindings;
            try {
                groups = fx.groups.list(vc);
                groupJob = fx.groups.get(vc, bound).lastJobId();
                bindings = fx.bindings.list(vc, bound);
            } finally {
                listed.countDown();
                holder.join();
            }

            assertEquals(jobOf.keySet(), groups.stream().map(SecurityGroupBody::id).collect(Collectors.toSet()));
            for (SecurityGroupBody group : groups) {
                assertEquals(jobOf.get(group.id()), group.lastJobId(), group.toString());
                assertEquals("COMPLETED", group.lastJobState(), group.toString());
                assertEquals("PASSED", group.lastJobStatus(), group.toString());
            }
            assertEquals(bindingJob, groupJob);
            assertEquals(1, bindings.size());
            assertEquals(bindingJob, bindings.get(0).lastJobId(), bindings.toString());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
