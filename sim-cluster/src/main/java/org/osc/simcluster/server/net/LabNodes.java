package org.osc.simcluster.server.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The node switches of a lab, as {@code ovn-lab start} lists them in {@code DIR/nodes}: one line per node,
 * {@code name subnet gateway router-port-MAC}, e.g. {@code node2 10.244.2.0/24 10.244.2.1 0a:58:0a:f4:02:01}.
 * sim-cluster's nodes carry the same names ({@code node1..nodeN}), so a pod on node N is plugged into switch N.
 */
public final class LabNodes {

    /** One node switch. */
    public record Node(String name, String subnet, String gateway) {
    }

    private final List<Node> nodes;

    private LabNodes(List<Node> nodes) {
        this.nodes = Collections.unmodifiableList(nodes);
    }

    /**
     * @param lines the lines of {@code DIR/nodes}; blank lines are skipped
     * @return the nodes in file order
     * @throws IllegalArgumentException on a line that is not {@code name subnet gateway ...}
     */
    public static LabNodes parse(List<String> lines) {
        List<Node> nodes = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 3 || !fields[1].contains("/")) {
                throw new IllegalArgumentException("not a node line of ovn-lab: " + line);
            }
            nodes.add(new Node(fields[0], fields[1], fields[2]));
        }
        return new LabNodes(nodes);
    }

    /** @return every node, in the lab's order */
    public List<Node> all() {
        return nodes;
    }

    /** @return the first {@code count} nodes (the cluster's, when the lab has more) */
    public LabNodes first(int count) {
        return new LabNodes(new ArrayList<>(nodes.subList(0, Math.min(count, nodes.size()))));
    }

    /** @return the node of that name, if the lab has it */
    public Optional<Node> get(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** @return how many nodes there are */
    public int size() {
        return nodes.size();
    }
}
