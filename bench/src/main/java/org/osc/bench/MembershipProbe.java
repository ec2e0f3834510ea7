package org.osc.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;

/**
 * Membership latency as the SDN controller sees it: for one pod change, the groups whose port group must now
 * contain the pod and those whose port group must no longer contain it, completed by the first port group change
 * that leaves each of them right. Fed either by port group writes as they returned from the plugin
 * ({@link #written}; a pod's port is then the one the controller gave OSC when OSC looked the pod up,
 * {@link SdnLog#portOf}), or by an independent witness of the controller's database ({@link #seen}, with the
 * port each pod has there by the controller's naming).
 */
final class MembershipProbe implements SdnLog.PortGroupListener {

    /** The port a pod has on the controller, or null when unknown. */
    @FunctionalInterface
    interface PortNames {
        String portOf(String namespace, String name);
    }

    /** One pod change being followed. */
    static final class Expectation {
        final String namespace;
        final String name;
        volatile long start;
        /** The group whose port group write completed the expectation (the last one to become right). */
        volatile int lastGroup = -1;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        private final Map<Integer, Boolean> remaining;

        private Expectation(String namespace, String name, Map<Integer, Boolean> remaining) {
            this.namespace = namespace;
            this.name = name;
            this.remaining = remaining;
        }

        /** @return nanoseconds from {@link #start} to the write that completed it, or -1 */
        long latency() {
            Long at = done.getNow(null);
            return at == null ? -1 : at - start;
        }
    }

    private final PortNames ports;
    private final List<Expectation> pending = new ArrayList<>();
    private volatile Map<String, Integer> groupOfPortGroup = Map.of();

    MembershipProbe(PortNames ports) {
        this.ports = ports;
    }

    /** @param byPortGroupId the benchmark's group index of each port group id */
    void portGroups(Map<String, Integer> byPortGroupId) {
        groupOfPortGroup = Map.copyOf(byPortGroupId);
    }

    /**
     * Registers a pod change to follow; call before making it, then set {@link Expectation#start}.
     *
     * @param join the groups whose port group must come to contain the pod
     * @param leave the groups whose port group must come to no longer contain it
     */
    Expectation expect(String namespace, String name, Set<Integer> join, Set<Integer> leave) {
        Map<Integer, Boolean> remaining = new HashMap<>();
        join.forEach(g -> remaining.put(g, true));
        leave.forEach(g -> remaining.put(g, false));
        Expectation expectation = new Expectation(namespace, name, remaining);
        synchronized (pending) {
            pending.add(expectation);
        }
        return expectation;
    }

    @Override
    public void written(PortGroup group, long nanos) {
        if (!groupOfPortGroup.containsKey(group.id())) {
            return;
        }
        Set<String> members = new HashSet<>();
        for (NetworkElement member : group.members()) {
            members.add(member.id());
        }
        seen(group.id(), members, nanos);
    }

    /**
     * A port group as it is after a change.
     *
     * @param portGroupId its id
     * @param members the ids of its ports
     * @param nanos {@link System#nanoTime()} when the change was written or seen
     */
    void seen(String portGroupId, Set<String> members, long nanos) {
        Integer index = groupOfPortGroup.get(portGroupId);
        if (index == null) {
            return;
        }
        synchronized (pending) {
            for (Iterator<Expectation> it = pending.iterator(); it.hasNext();) {
                Expectation e = it.next();
                Boolean wanted = e.remaining.get(index);
                if (wanted == null) {
                    continue;
                }
                String port = ports.portOf(e.namespace, e.name);
                if (wanted == (port != null && members.contains(port))) {
                    e.remaining.remove(index);
                    if (e.remaining.isEmpty()) {
                        e.lastGroup = index;
                        e.done.complete(nanos);
                        it.remove();
                    }
                }
            }
        }
    }

    /** Forgets whatever is still pending. */
    void clear() {
        synchronized (pending) {
            pending.clear();
        }
    }
}
