package org.osc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osc.platform.api.LabelSelector;

/**
 * The workload a scenario runs: which labels pod {@code i} carries and which labels each security group selects,
 * so that every group holds a realistic share of the pods and the expected membership of any pod can be computed.
 *
 * <p>Pod {@code i} lives in namespace {@code bench-<i % 10>} with labels {@code app=app-<i % groups>} and
 * {@code tier=tier-<i % tiers>}, {@code tiers = ceil(groups / 10)}. Group {@code g} selects {@code app=app-<g>};
 * every tenth group ({@code g % 10 == 0}) also selects {@code tier=tier-<g / 10>}, so one group in ten has two label
 * members and about ten times the pods. No group is limited to namespaces.
 */
final class Topology {

    /** Namespaces the workload pods are spread over. */
    static final int NAMESPACES = 10;

    private final int groups;
    private final int tiers;

    Topology(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("at least one group");
        }
        this.groups = groups;
        this.tiers = (groups + 9) / 10;
    }

    int groups() {
        return groups;
    }

    static String namespace(int pod) {
        return "bench-" + pod % NAMESPACES;
    }

    /** @return the labels pod {@code i} is created with */
    Map<String, String> labels(int pod) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", app(pod % groups));
        labels.put("tier", "tier-" + pod % tiers);
        return labels;
    }

    static String app(int group) {
        return "app-" + group;
    }

    /** @return the label members of group {@code g}, as {@code key=value} */
    List<String> members(int group) {
        List<String> members = new ArrayList<>();
        members.add("app=" + app(group));
        if (group % 10 == 0 && group / 10 < tiers) {
            members.add("tier=tier-" + group / 10);
        }
        return members;
    }

    /** @return the indexes of the groups whose members match the labels */
    Set<Integer> groupsOf(Map<String, String> labels) {
        Set<Integer> found = new TreeSet<>();
        String app = labels.get("app");
        if (app != null && app.startsWith("app-")) {
            try {
                int g = Integer.parseInt(app.substring(4));
                if (g >= 0 && g < groups) {
                    found.add(g);
                }
            } catch (NumberFormatException e) {
                // not one of ours: matches no app member
            }
        }
        for (int g = 0; g < groups; g += 10) {
            for (String member : members(g)) {
                if (LabelSelector.parse(member).matches(labels)) {
                    found.add(g);
                }
            }
        }
        return found;
    }
}
