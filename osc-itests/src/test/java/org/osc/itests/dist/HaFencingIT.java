package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fencing of a paused leader: SIGSTOP the leader for 30 s while pods churn, SIGCONT it; the old leader makes no
 * SDN write after it lost the lease (each replica has its own sample SDN controller, which counts the writes that
 * changed its state: the old leader's count when it was paused, read from its state file, is its count at the
 * end), and the pair settles with one leader, the other replica, whose port group is exact; the lock's store (the
 * Lease in sim-cluster) names it, one transition later.
 */
class HaFencingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    // On the Kubernetes Lease only, the lock the acceptance names: each run pauses for 30 s, and CI must stay
    // under 30 minutes. The database row's fencing ran here too until then (10,970 ms to the other replica, 0 writes
    // of the old leader); HaTakeoverIT still takes over on both locks, and the elector's tests cover both.
    @ParameterizedTest
    @EnumSource(value = HaPair.Lock.class, names = "KUBERNETES")
    void aPausedLeaderMakesNoWriteAfterItLostTheLease(HaPair.Lock lock) throws Exception {
        try (HaPair pair = HaPair.start(folder, lock)) {
            int old = pair.awaitLeader();
            int other = 1 - old;
            pair.protect(old);
            pair.startChurn();
            Thread.sleep(5000);
            // Idle first, so that no write has passed the fence already when the process stops (see the GAP in
            // docs/high-availability.md): what the resumed process does next is what is counted.
            pair.stopChurn();
            pair.expectExact(old, Duration.ofSeconds(60));
            long otherWritesBefore = changes(pair.rest[other].get("plugins/sample/sdn/calls"));

            HaPair.LockState before = pair.lockState();
            Instant stoppedAt = Instant.now();
            pair.servers[old].signal("STOP");
            long stopped = System.nanoTime();
            long paused = changes(JSON.readTree(Files.readString(pair.servers[old].home().resolve("data")
                    .resolve("sample-sdn").resolve("state.json"))));
            pair.startChurn();
            while (!pair.leads(other)) {
                assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(30).toNanos(), "no takeover");
                Thread.sleep(50);
            }
            long takeover = (System.nanoTime() - stopped) / 1_000_000;
            Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - stopped) / 1_000_000));
            pair.servers[old].signal("CONT");
            // the old leader gets the cluster's events of 30 s at once, and its queued work: it must write nothing
            Thread.sleep(10_000);
            pair.stopChurn();
            pair.expectExact(other, Duration.ofSeconds(60));

            long after = changes(pair.rest[old].get("plugins/sample/sdn/calls"));
            long otherWrites = changes(pair.rest[other].get("plugins/sample/sdn/calls")) - otherWritesBefore;
            System.out.printf("HA fencing on %s: leader paused 30 s; the other replica led %d ms after SIGSTOP; SDN"
                    + " writes by the old leader after it lost the lease: %d; by the new leader: %d; churn %s%n",
                    lock.describe(), takeover, after - paused, otherWrites, pair.churnSummary());
            assertEquals(paused, after, "the old leader wrote to its SDN controller after it lost the lease");
            assertTrue(otherWrites > 0, "the new leader wrote the churn's changes");
            assertTrue(pair.servers[old].console().contains("no longer leads"),
                    "the old leader says it stopped leading");
            for (int i = 0; i < 10; i++) {
                assertTrue(pair.leads(other), "the new leader keeps the lease");
                assertFalse(pair.leads(old), "one leader: " + pair.leader(old));
                Thread.sleep(300);
            }
            assertEquals("replica-" + other, pair.leader(old).path("leader").asText(),
                    "the old leader names the new one");
            pair.expectLockMoved(before, other);
            expectNoJobWrittenByTheOldLeader(pair, old, other, stoppedAt);
        }
    }

    /**
     * The job rows after SIGCONT: the old leader wrote none after it was stopped (every job naming it as its runner
     * completed before), none it had open is still open, and each job the new leader took over (ended, or adopted
     * and run) names the new leader, ended as the takeover left it.
     */
    private static void expectNoJobWrittenByTheOldLeader(HaPair pair, int old, int other, Instant stoppedAt) {
        String oldName = "replica-" + old;
        String newName = "replica-" + other;
        int byOld = 0;
        int endedByTakeover = 0;
        for (JsonNode job : pair.rest[other].get("server/v1/jobs?limit=0").path("items")) {
            String runner = job.path("runner").asText(null);
            String state = job.path("state").asText();
            if (oldName.equals(runner)) {
                byOld++;
                assertEquals("COMPLETED", state, "a job of the old leader left open: " + job);
                assertTrue(Instant.parse(job.path("completed").asText()).isBefore(stoppedAt),
                        "the old leader wrote a job's end after it was stopped: " + job);
            } else if (job.path("failureReason").asText("").startsWith("The OSC server running it stopped")) {
                endedByTakeover++;
                assertEquals(newName, runner, "a job the takeover ended names the new leader: " + job);
                assertEquals("ABORTED", job.path("status").asText(), job.toString());
            }
            assertTrue(!"QUEUED".equals(state) && !"RUNNING".equals(state) || newName.equals(runner)
                    || runner == null, "an open job of another runner than the leader: " + job);
        }
        System.out.printf("HA fencing, job rows: %d job(s) ran by the old leader, all ended before SIGSTOP; %d "
                + "ended by the takeover, all naming %s%n", byOld, endedByTakeover, newName);
    }

    /** @return the writes that changed the sample SDN controller's state, all operations together */
    private static long changes(JsonNode counters) {
        long sum = 0;
        for (JsonNode count : counters.path("changes")) {
            sum += count.asLong();
        }
        return sum;
    }
}
