package org.osc.k8s.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.LeaseSettings;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Two or more replicas' locks on one Lease, against sim-cluster (or a real cluster, see {@link TestCluster}): one
 * wins, compare-and-set under contention, expiry judged on the observer's clock, release.
 */
class KubernetesLeaseLockIT {

    private static final Duration LEASE = Duration.ofSeconds(15);

    @TempDir
    static Path workDir;
    static TestCluster cluster;
    static KubernetesClient admin;
    static final List<KubernetesLeaseLock> locks = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        cluster = TestCluster.start(workDir);
        admin = cluster.admin();
    }

    @AfterAll
    static void stop() {
        locks.forEach(KubernetesLeaseLock::close);
        if (admin != null) {
            // on a real cluster, leave nothing behind
            for (String namespace : List.of(cluster.namespace(), "kube-node-lease")) {
                admin.resources(Lease.class).inNamespace(namespace).list().getItems().stream()
                        .filter(l -> l.getMetadata().getName().startsWith("osc-test-"))
                        .forEach(l -> admin.resource(l).delete());
            }
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String newLeaseName() {
        return "osc-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A lock on the admin's client, expiring by the given clock. */
    private static KubernetesLeaseLock lock(String lease, AtomicLong clock) {
        return new KubernetesLeaseLock(admin, cluster.namespace(), lease, clock::get, false);
    }

    private static LeaseSettings settings(String lease) {
        return new LeaseSettings(lease, cluster.namespace(), cluster.kubeconfig().toString());
    }

    private static Lease stored(String lease) {
        return admin.resources(Lease.class).inNamespace(cluster.namespace()).withName(lease).get();
    }

    @Test
    void theFirstReplicaTakesTheLeaseAndTheSecondSeesItHeld() throws LeaseException {
        String name = newLeaseName();
        KubernetesLeaseLock a = KubernetesLeases.open(settings(name));
        KubernetesLeaseLock b = KubernetesLeases.open(settings(name));
        locks.add(a);
        locks.add(b);
        assertTrue(a.read().isEmpty(), "no Lease before the first take");

        LeaseRecord took = a.acquireOrRenew("replica-a", LEASE);
        LeaseRecord seen = b.acquireOrRenew("replica-b", LEASE);

        assertTrue(took.heldBy("replica-a"));
        assertEquals(LEASE, took.duration());
        assertEquals(0, took.transitions());
        assertTrue(seen.heldBy("replica-a"), "the second replica does not take a held lease: " + seen);
        Lease lease = stored(name);
        assertEquals("replica-a", lease.getSpec().getHolderIdentity());
        assertEquals(15, lease.getSpec().getLeaseDurationSeconds());
        assertNotNull(lease.getSpec().getRenewTime());
        assertTrue(b.read().orElseThrow().heldBy("replica-a"));
        assertTrue(a.describe().contains("Kubernetes Lease " + cluster.namespace() + "/" + name), a.describe());
    }

    @Test
    void aHeldLeaseIsTakenOnlyAfterTheObserverSawItUnchangedForAWholeLeaseDuration() throws LeaseException {
        String name = newLeaseName();
        AtomicLong clockA = new AtomicLong();
        AtomicLong clockB = new AtomicLong(1_000_000_000_000L); // the clocks need not agree
        KubernetesLeaseLock a = lock(name, clockA);
        KubernetesLeaseLock b = lock(name, clockB);
        LeaseRecord first = a.acquireOrRenew("replica-a", LEASE);
        assertTrue(b.acquireOrRenew("replica-b", LEASE).heldBy("replica-a"));

        clockB.addAndGet(Duration.ofSeconds(14).toNanos());
        LeaseRecord held = b.acquireOrRenew("replica-b", LEASE);
        assertTrue(held.heldBy("replica-a"), "14 s of 15: still held");
        assertEquals(Duration.ofSeconds(1), held.remaining(), "b knows when it may try again: " + held);

        LeaseRecord renewed = a.acquireOrRenew("replica-a", LEASE);
        assertEquals(first.acquiredAt(), renewed.acquiredAt(), "a renewal keeps the acquire time");
        assertFalse(renewed.renewedAt().isBefore(first.renewedAt()));
        clockB.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(b.acquireOrRenew("replica-b", LEASE).heldBy("replica-a"),
                "16 s after b first saw it, but renewed 2 s ago: still held");

        clockB.addAndGet(Duration.ofSeconds(15).toNanos());
        LeaseRecord taken = b.acquireOrRenew("replica-b", LEASE);
        assertTrue(taken.heldBy("replica-b"), "not renewed for a whole lease duration: taken over: " + taken);
        assertEquals(1, taken.transitions());
        assertEquals("replica-b", stored(name).getSpec().getHolderIdentity());

        LeaseRecord late = a.acquireOrRenew("replica-a", LEASE);
        assertTrue(late.heldBy("replica-b"), "the old holder's renewal after the take-over fails: " + late);
        assertEquals("replica-b", stored(name).getSpec().getHolderIdentity());
    }

    @Test
    void aRenewTimeFromASkewedClockDoesNotMakeTheLeaseLookExpired() throws LeaseException {
        String name = newLeaseName();
        AtomicLong clockB = new AtomicLong();
        KubernetesLeaseLock a = lock(name, new AtomicLong());
        KubernetesLeaseLock b = lock(name, clockB);
        a.acquireOrRenew("replica-a", LEASE);
        // the holder's node clock is an hour behind: renewTime + 15 s is long past by b's wall clock
        Lease lease = stored(name);
        lease.getSpec().setRenewTime(KubernetesLeaseLock.microTime(java.time.Instant.now().minusSeconds(3600)));
        admin.resource(lease).update();

        assertTrue(b.acquireOrRenew("replica-b", LEASE).heldBy("replica-a"));
        clockB.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(b.acquireOrRenew("replica-b", LEASE).heldBy("replica-a"));
        clockB.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(b.acquireOrRenew("replica-b", LEASE).heldBy("replica-b"));
    }

    @Test
    void underContentionExactlyOneReplicaWinsEachRound() throws Exception {
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            for (int round = 0; round < 5; round++) {
                String name = newLeaseName();
                List<KubernetesLeaseLock> contenders = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    KubernetesLeaseLock lock = KubernetesLeases.open(settings(name));
                    locks.add(lock);
                    contenders.add(lock);
                }
                List<LeaseRecord> results = race(pool, contenders, Duration.ofSeconds(1));
                assertOneWinner(results, name, 0);

                // the winner stops renewing; after the 1 s lease every other replica races for it again
                String first = results.stream().map(LeaseRecord::holder).findFirst().orElseThrow();
                Thread.sleep(1_300);
                List<KubernetesLeaseLock> others = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    if (!("replica-" + i).equals(first)) {
                        others.add(contenders.get(i));
                    }
                }
                List<LeaseRecord> again = raceNamed(pool, contenders, others, Duration.ofSeconds(1));
                String second = assertOneWinner(again, name, 1);
                assertFalse(second.equals(first), "the lease passed to another replica");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<LeaseRecord> race(ExecutorService pool, List<KubernetesLeaseLock> contenders,
            Duration duration) throws Exception {
        return raceNamed(pool, contenders, contenders, duration);
    }

    /** Every lock of {@code racing} asks at once, as "replica-i" with i its index in {@code all}. */
    private static List<LeaseRecord> raceNamed(ExecutorService pool, List<KubernetesLeaseLock> all,
            List<KubernetesLeaseLock> racing, Duration duration) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<LeaseRecord>> futures = new ArrayList<>();
        for (KubernetesLeaseLock lock : racing) {
            String identity = "replica-" + all.indexOf(lock);
            futures.add(pool.submit(() -> {
                go.await();
                return lock.acquireOrRenew(identity, duration);
            }));
        }
        go.countDown();
        List<LeaseRecord> results = new ArrayList<>();
        for (Future<LeaseRecord> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    /** @return the one holder every contender saw, which is the stored one */
    private static String assertOneWinner(List<LeaseRecord> results, String name, long transitions) {
        Set<String> holders = results.stream().map(LeaseRecord::holder).collect(Collectors.toSet());
        assertEquals(1, holders.size(), "every contender sees the same holder: " + results);
        String holder = holders.iterator().next();
        assertNotNull(holder);
        assertEquals(holder, stored(name).getSpec().getHolderIdentity());
        assertEquals(transitions, stored(name).getSpec().getLeaseTransitions().longValue());
        return holder;
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceAndOnlyTheHolderReleasesIt() throws LeaseException {
        String name = newLeaseName();
        AtomicLong clockB = new AtomicLong();
        KubernetesLeaseLock a = lock(name, new AtomicLong());
        KubernetesLeaseLock b = lock(name, clockB);
        a.acquireOrRenew("replica-a", LEASE);
        String version = stored(name).getMetadata().getResourceVersion();
        b.release("replica-b");
        assertEquals(version, stored(name).getMetadata().getResourceVersion(), "b holds nothing to release");
        assertTrue(b.acquireOrRenew("replica-b", LEASE).heldBy("replica-a"));

        a.release("replica-a");
        assertNull(stored(name).getSpec().getHolderIdentity());
        assertTrue(b.read().orElseThrow().holder() == null, "a released lease has no holder");
        LeaseRecord taken = b.acquireOrRenew("replica-b", LEASE); // no time passed on b's clock
        assertTrue(taken.heldBy("replica-b"), taken.toString());
        assertEquals(1, taken.transitions());
    }

    @Test
    void aRenewalTakesFarLessThanTheRenewDeadline() throws LeaseException {
        KubernetesLeaseLock lock = KubernetesLeases.open(settings(newLeaseName()));
        locks.add(lock);
        lock.acquireOrRenew("replica-a", LEASE);
        int renewals = 50;
        long worst = 0;
        long start = System.nanoTime();
        for (int i = 0; i < renewals; i++) {
            long before = System.nanoTime();
            assertTrue(lock.acquireOrRenew("replica-a", LEASE).heldBy("replica-a"));
            worst = Math.max(worst, System.nanoTime() - before);
        }
        double meanMillis = (System.nanoTime() - start) / 1e6 / renewals;
        System.out.printf("Lease renewal (get + replace): mean %.1f ms, worst %.1f ms over %d%n", meanMillis,
                worst / 1e6, renewals);
        assertTrue(worst < Duration.ofSeconds(2).toNanos(), "a renewal took " + worst / 1e6 + " ms");
    }

    @Test
    void aLeaseInANamespaceOfItsOwnIsCreatedThere() throws LeaseException {
        String name = newLeaseName();
        KubernetesLeaseLock lock = KubernetesLeases.open(new LeaseSettings(name, "kube-node-lease",
                cluster.kubeconfig().toString()));
        locks.add(lock);
        assertTrue(lock.acquireOrRenew("replica-a", LEASE).heldBy("replica-a"));
        assertEquals("replica-a", admin.resources(Lease.class).inNamespace("kube-node-lease").withName(name).get()
                .getSpec().getHolderIdentity());
    }
}
