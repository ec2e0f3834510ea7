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
 * contain the pod and those whose port group must no longer contain it, completed by the first port group write
 * (as it returned from the plugin) that leaves each of them right. A pod's port is the one the controller gave OSC
 * when OSC looked the pod up ({@link SdnLog#portOf}).
 */
final class MembershipProbe implements SdnLog.PortGroupListener {

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

    private final SdnLog log;
    private final List<Expectation> pending = new ArrayList<>();
    private volatile Map<String, Integer> groupOfPortGroup = Map.of();

    MembershipProbe(SdnLog log) {
        this.log = log;
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
        Integer index = groupOfPortGroup.get(group.id());
        if (index == null) {
            return;
        }
        Set<String> ports = null;
        synchronized (pending) {
            for (Iterator<Expectation> it = pending.iterator(); it.hasNext();) {
                Expectation e = it.next();
                Boolean wanted = e.remaining.get(index);
                if (wanted == null) {
                    continue;
                }
                if (ports == null) {
                    ports = new HashSet<>();
                    for (NetworkElement member : group.members()) {
                        ports.add(member.id());
                    }
                }
                String port = log.portOf(e.namespace, e.name);
                if (wanted == (port != null && ports.contains(port))) {
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
