package org.osc.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.VirtualizationConnectorElement;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The end state, checked against the cluster: every group's port group on the controller holds exactly the ports
 * of the running workload pods whose labels its members select (by the {@link Topology}), no more, no less. The
 * port groups are read from the plugin directly, not through the recording wrapper, so that checking adds no calls
 * to the counts ({@link #plugin}), or from an independent witness of the controller's database.
 */
final class Verifier {

    /** Reads port groups' members (port ids) from wherever the scenario trusts them. */
    @FunctionalInterface
    interface PortGroupReader {
        /** @return the members of each port group id asked for; empty for one that does not exist */
        Map<String, Optional<Set<String>>> read(Collection<String> portGroupIds) throws Exception;
    }

    private Verifier() {
    }

    /** @return a reader of port groups through a session of the plugin itself */
    static PortGroupReader plugin(SdnControllerApi sdn) {
        return ids -> {
            Map<String, Optional<Set<String>>> found = new HashMap<>();
            try (RedirectionSession session = sdn.openSession(new VirtualizationConnectorElement("bench",
                    "KUBERNETES", Map.of()))) {
                for (String id : ids) {
                    Optional<PortGroup> group = session.getPortGroup(id);
                    found.put(id, group.map(g -> {
                        Set<String> members = new HashSet<>();
                        for (NetworkElement member : g.members()) {
                            members.add(member.id());
                        }
                        return members;
                    }));
                }
            }
            return found;
        };
    }

    /**
     * @param ports the port each pod has on the controller (null: never looked up)
     * @param portGroups the group index of each port group id
     * @return what is wrong, one line each (empty when everything is right)
     */
    static List<String> verify(Topology topology, InformerProbe cluster, MembershipProbe.PortNames ports,
            PortGroupReader reader, Map<String, Integer> portGroups) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Integer, Set<String>> expected = new HashMap<>();
        for (int g = 0; g < topology.groups(); g++) {
            expected.put(g, new HashSet<>());
        }
        for (Pod pod : cluster.pods()) {
            String namespace = pod.getMetadata().getNamespace();
            if (!namespace.startsWith("bench-") || !InformerProbe.isRunning(pod)) {
                continue;
            }
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of()
                    : pod.getMetadata().getLabels();
            Set<Integer> groups = topology.groupsOf(labels);
            String port = ports.portOf(namespace, pod.getMetadata().getName());
            if (port == null && !groups.isEmpty()) {
                problems.add("pod " + namespace + "/" + pod.getMetadata().getName() + " was never looked up");
                continue;
            }
            groups.forEach(g -> expected.get(g).add(port));
        }
        Map<Integer, String> portGroupOf = new HashMap<>();
        portGroups.forEach((id, g) -> portGroupOf.put(g, id));
        Map<String, Optional<Set<String>>> read = reader.read(portGroups.keySet());
        for (int g = 0; g < topology.groups(); g++) {
            String id = portGroupOf.get(g);
            Optional<Set<String>> actual = id == null ? Optional.empty() : read.getOrDefault(id, Optional.empty());
            if (actual.isEmpty()) {
                problems.add("group " + g + " has no port group");
                continue;
            }
            Set<String> missing = new HashSet<>(expected.get(g));
            missing.removeAll(actual.get());
            Set<String> extra = new HashSet<>(actual.get());
            extra.removeAll(expected.get(g));
            if (!missing.isEmpty() || !extra.isEmpty()) {
                problems.add("group " + g + " (port group " + id + "): " + missing.size() + " port(s) missing "
                        + sample(missing) + ", " + extra.size() + " too many " + sample(extra));
            }
        }
        return problems;
    }

    private static String sample(Set<String> ports) {
        return ports.isEmpty() ? "" : ports.stream().sorted().limit(3).toList().toString();
    }
}
