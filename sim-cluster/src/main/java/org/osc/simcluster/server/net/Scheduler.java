package org.osc.simcluster.server.net;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Picks a node for a pod that names none, as a very small kube-scheduler would: a {@code nodeSelector} on
 * {@code kubernetes.io/hostname} is obeyed; otherwise the node with the fewest pods wins (the first in order on a
 * tie). Nodes reserved for VNFs ({@code --vnf-nodes}) take OSC's VNF pods only, as if tainted for everyone else;
 * VNF pods go only there. (Keeping the VNF off the protected pods' node switches is what lets a router policy
 * steer their traffic through it: see ovn-lab's README.)
 */
public final class Scheduler {

    /** The well-known node label holding the node's name. */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    private final List<String> nodes;
    private final Set<String> vnfNodes;

    /**
     * @param nodes the cluster's nodes, in order
     * @param vnfNodes nodes reserved for VNF pods (a subset of nodes; empty: none reserved)
     * @throws IllegalArgumentException when a VNF node is not a node, or every node is one
     */
    public Scheduler(List<String> nodes, Set<String> vnfNodes) {
        for (String vnfNode : vnfNodes) {
            if (!nodes.contains(vnfNode)) {
                throw new IllegalArgumentException("VNF node " + vnfNode + " is not one of the nodes " + nodes);
            }
        }
        if (!vnfNodes.isEmpty() && vnfNodes.containsAll(nodes)) {
            throw new IllegalArgumentException("every node is a VNF node: leave at least one for other pods");
        }
        this.nodes = List.copyOf(nodes);
        this.vnfNodes = Set.copyOf(vnfNodes);
    }

    /**
     * @param vnf whether the pod is one of OSC's VNF pods
     * @param nodeSelector the pod's {@code spec.nodeSelector}, possibly null
     * @param podsOn how many pods each node has now
     * @return the node, or empty when no node fits (the pod stays Pending, as unschedulable)
     */
    public Optional<String> pick(boolean vnf, Map<String, String> nodeSelector, ToIntFunction<String> podsOn) {
        String wanted = nodeSelector == null ? null : nodeSelector.get(HOSTNAME_LABEL);
        List<String> candidates = nodes.stream()
                .filter(n -> wanted == null || wanted.equals(n))
                .filter(n -> wanted != null || vnfNodes.isEmpty() || vnf == vnfNodes.contains(n))
                .collect(Collectors.toList());
        String best = null;
        int fewest = Integer.MAX_VALUE;
        for (String node : candidates) {
            int pods = podsOn.applyAsInt(node);
            if (pods < fewest) {
                best = node;
                fewest = pods;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return whether the cluster has a node of that name */
    public boolean hasNode(String name) {
        return nodes.contains(name);
    }
}
