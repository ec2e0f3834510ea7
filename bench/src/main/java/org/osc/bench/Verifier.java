package org.osc.bench;

import java.util.ArrayList;
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
 * of the running workload pods whose labels its members select (by the {@link Topology}), no more, no less. Reads
 * the plugin directly, not through the recording wrapper, so that checking adds no calls to the counts.
 */
final class Verifier {

    private Verifier() {
    }

    /**
     * @param portGroups the group index of each port group id
     * @return what is wrong, one line each (empty when everything is right)
     */
    static List<String> verify(Topology topology, InformerProbe cluster, SdnLog log, SdnControllerApi sdn,
            Map<String, Integer> portGroups) throws Exception {
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
            String port = log.portOf(namespace, pod.getMetadata().getName());
            if (port == null && !groups.isEmpty()) {
                problems.add("pod " + namespace + "/" + pod.getMetadata().getName() + " was never looked up");
                continue;
            }
            groups.forEach(g -> expected.get(g).add(port));
        }
        Map<Integer, String> portGroupOf = new HashMap<>();
        portGroups.forEach((id, g) -> portGroupOf.put(g, id));
        try (RedirectionSession session = sdn.openSession(new VirtualizationConnectorElement("bench", "KUBERNETES",
                Map.of()))) {
            for (int g = 0; g < topology.groups(); g++) {
                String id = portGroupOf.get(g);
                Optional<PortGroup> group = id == null ? Optional.empty() : session.getPortGroup(id);
                if (group.isEmpty()) {
                    problems.add("group " + g + " has no port group");
                    continue;
                }
                Set<String> actual = new HashSet<>();
                for (NetworkElement member : group.get().members()) {
                    actual.add(member.id());
                }
                Set<String> missing = new HashSet<>(expected.get(g));
                missing.removeAll(actual);
                Set<String> extra = new HashSet<>(actual);
                extra.removeAll(expected.get(g));
                if (!missing.isEmpty() || !extra.isEmpty()) {
                    problems.add("group " + g + " (port group " + id + "): " + missing.size() + " port(s) missing "
                            + sample(missing) + ", " + extra.size() + " too many " + sample(extra));
                }
            }
        }
        return problems;
    }

    private static String sample(Set<String> ports) {
        return ports.isEmpty() ? "" : ports.stream().sorted().limit(3).toList().toString();
    }
}
