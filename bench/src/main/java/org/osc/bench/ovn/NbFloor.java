package org.osc.bench.ovn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osc.ovsdb.Condition;
import org.osc.ovsdb.Mutation;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbRemote;
import org.osc.ovsdb.OvsdbValues;
import org.osc.ovsdb.Uuid;

/**
 * The floor of a run on the northbound database: a bare client (no plugin, no OSC) adds a port to a
 * {@code Port_Group} of a typical group's size and removes it again, one {@code mutate} per change, each timed
 * from just before the {@code transact} to the moment the {@link NbMonitor} sees the row changed, the same witness
 * that times OSC's changes. What OSC's membership latency adds to this is OSC's and the plugin's.
 */
public final class NbFloor implements AutoCloseable {

    /** The floor's port group (not OSC's: no {@code osc-owner}, so the plugin leaves it alone). */
    public static final String GROUP = "bench_floor";
    private static final String DB = "OVN_Northbound";
    private static final Duration SEEN_WAIT = Duration.ofSeconds(10);

    private record Pending(String port, boolean present, CompletableFuture<Long> seen) {
    }

    private final OvsdbClient client;
    private final Uuid group;
    private final List<Map.Entry<String, Uuid>> toggled;
    private volatile Pending pending;

    private NbFloor(OvsdbClient client, Uuid group, List<Map.Entry<String, Uuid>> toggled) {
        this.client = client;
        this.group = group;
        this.toggled = toggled;
    }

    /**
     * Creates the floor's port group with the given members, on a connection of its own.
     *
     * @param members the ports the group holds throughout (a typical group's size)
     * @param toggled the ports added and removed, in turn (not among the members)
     */
    public static NbFloor start(OvsdbRemote remote, NbMonitor monitor, Map<String, Uuid> members,
            Map<String, Uuid> toggled) throws InterruptedException {
        if (toggled.isEmpty()) {
            throw new IllegalArgumentException("the floor needs a port to add and remove");
        }
        OvsdbClient client = OvsdbClient.builder(remote).connect();
        if (!client.awaitConnected(Duration.ofSeconds(10))) {
            client.close();
            throw new IllegalStateException("the floor's client cannot reach " + remote);
        }
        Uuid group = (Uuid) OvsdbValues.decode(client.transact(DB, List.of(Operation.insert("Port_Group",
                Map.of("name", GROUP, "ports", Set.copyOf(members.values()), "external_ids",
                        Map.of("bench", "floor")), null))).get(0).get("uuid"));
        NbFloor floor = new NbFloor(client, group, List.copyOf(toggled.entrySet()));
        monitor.addListener(floor::changed);
        return floor;
    }

    private void changed(String name, Set<String> ports, long nanos) {
        Pending p = pending;
        if (p != null && GROUP.equals(name) && ports.contains(p.port()) == p.present()) {
            p.seen().complete(nanos);
        }
    }

    /**
     * Makes {@code count} changes (add, remove, add, ...) started {@code 1/rate} seconds apart, each awaited.
     *
     * @param offsetNanos a delay before the first, e.g. half an interval so as not to start with the samples
     * @return the latency of each change in nanoseconds, -1 for one the monitor never saw
     */
    public List<Long> run(int count, double rate, long offsetNanos) throws InterruptedException {
        long interval = (long) (1e9 / rate);
        long begin = System.nanoTime() + offsetNanos;
        List<Long> latencies = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long wait = begin + k * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Map.Entry<String, Uuid> port = toggled.get((k / 2) % toggled.size());
            boolean add = k % 2 == 0;
            Pending p = new Pending(port.getKey(), add, new CompletableFuture<>());
            pending = p;
            long start = System.nanoTime();
            client.transact(DB, List.of(Operation.mutate("Port_Group", List.of(Condition.uuidIs(group)),
                    List.of(add ? Mutation.insert("ports", port.getValue())
                            : Mutation.delete("ports", port.getValue())))));
            try {
                latencies.add(p.seen().get(SEEN_WAIT.toMillis(), TimeUnit.MILLISECONDS) - start);
            } catch (TimeoutException | ExecutionException e) {
                latencies.add(-1L);
            }
        }
        pending = null;
        return latencies;
    }

    @Override
    public void close() {
        client.close();
    }
}
