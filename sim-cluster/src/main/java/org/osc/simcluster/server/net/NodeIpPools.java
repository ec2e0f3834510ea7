package org.osc.simcluster.server.net;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osc.simcluster.server.IpPool;

/**
 * Pod IPs per node, as a CNI's IPAM hands them out: node N's pods get addresses of its subnet
 * ({@code 10.244.N.0/24}), never its network, gateway ({@code .1}) or broadcast address. Each node's addresses go
 * round-robin ({@link IpPool}), so an address just freed is not reused at once. Addresses taken by lab pods that
 * are not the cluster's (a test may plug its own with {@code ovn-lab plug}) are skipped.
 */
public final class NodeIpPools {

    private static final String FOREIGN = "lab-pod:";

    private final Map<String, IpPool> pools = new HashMap<>();
    private final Map<String, String> nodeOfUid = new HashMap<>();
    private final Map<String, Set<String>> foreign = new HashMap<>();

    /** @param nodes the cluster's nodes */
    public NodeIpPools(LabNodes nodes) {
        for (LabNodes.Node node : nodes.all()) {
            pools.put(node.name(), new IpPool(node.subnet(), 1));
            foreign.put(node.name(), new HashSet<>());
        }
    }

    /**
     * @param node the pod's node
     * @param uid the pod's uid
     * @param takenElsewhere addresses the lab uses for pods that are not the cluster's
     * @return the pod's address on that node (the one it has if it has one there)
     * @throws IllegalArgumentException for a node the cluster does not have
     * @throws IllegalStateException when the node's subnet is full
     */
    public synchronized String allocate(String node, String uid, Collection<String> takenElsewhere) {
        IpPool pool = pool(node);
        String previous = nodeOfUid.get(uid);
        if (previous != null && !previous.equals(node)) {
            pools.get(previous).release(uid);
        }
        Set<String> theirs = foreign.get(node);
        for (String ip : theirs) {
            if (!takenElsewhere.contains(ip)) {
                pool.release(FOREIGN + ip);
            }
        }
        theirs.clear();
        for (String ip : takenElsewhere) {
            if (pool.claim(FOREIGN + ip, ip)) {
                theirs.add(ip);
            }
        }
        nodeOfUid.put(uid, node);
        return pool.allocate(uid);
    }

    /**
     * Records an address a pod already has (restored state, or an annotation written earlier).
     *
     * @return true if the address is in the node's range and is now the pod's
     */
    public synchronized boolean claim(String node, String uid, String ip) {
        IpPool pool = pools.get(node);
        if (pool == null) {
            return false;
        }
        String previous = nodeOfUid.get(uid);
        if (previous != null && !previous.equals(node)) {
            pools.get(previous).release(uid);
        }
        boolean claimed = pool.claim(uid, ip);
        if (claimed) {
            nodeOfUid.put(uid, node);
        }
        return claimed;
    }

    /** @param uid a pod that is gone: its address becomes free */
    public synchronized void release(String uid) {
        String node = nodeOfUid.remove(uid);
        if (node != null) {
            pools.get(node).release(uid);
        }
    }

    /** Frees the addresses of pods that no longer exist (a missed delete event). */
    public synchronized void retainOnly(Collection<String> liveUids) {
        Set<String> live = new HashSet<>(liveUids);
        for (String uid : List.copyOf(nodeOfUid.keySet())) {
            if (!live.contains(uid)) {
                release(uid);
            }
        }
    }

    /** @return how many of the cluster's pods have an address on the node */
    public synchronized int podsOn(String node) {
        return (int) nodeOfUid.values().stream().filter(node::equals).count();
    }

    /** @return the node a pod has its address on */
    public synchronized Optional<String> nodeOf(String uid) {
        return Optional.ofNullable(nodeOfUid.get(uid));
    }

    private IpPool pool(String node) {
        IpPool pool = pools.get(node);
        if (pool == null) {
            throw new IllegalArgumentException("no node " + node + " (nodes: " + pools.keySet() + ")");
        }
        return pool;
    }
}
