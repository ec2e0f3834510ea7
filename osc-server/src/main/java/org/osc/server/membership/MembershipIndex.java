package org.osc.server.membership;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hibernate.Session;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.Workload;
import org.osc.server.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which security groups a pod concerns, per virtualization connector: label pair {@code key=value} to the groups
 * with that label member, the {@code protectAll} groups, and each group's namespace filter. Immutable; read from
 * the database in one transaction. Groups marked for deletion are left out: their own reconcile removes them,
 * and a pod can no longer join them.
 */
final class MembershipIndex {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipIndex.class);

    /** A group and the namespaces it is limited to (none: all namespaces). */
    record Group(long id, Set<String> namespaces) {

        boolean admits(String namespace) {
            return namespaces.isEmpty() || namespaces.contains(namespace);
        }
    }

    /** One connector's groups. */
    private record Connector(Map<String, List<Group>> byLabel, List<Group> protectAll, Set<Long> all) {
    }

    private static final Connector NONE = new Connector(Map.of(), List.of(), Set.of());

    private final Map<Long, Connector> connectors;

    private MembershipIndex(Map<Long, Connector> connectors) {
        this.connectors = connectors;
    }

    /** @return the ids of the connector's groups a pod with this namespace and these labels belongs to */
    Set<Long> groups(long connectorId, Workload pod) {
        Connector connector = connectors.getOrDefault(connectorId, NONE);
        Set<Long> ids = new TreeSet<>();
        for (Map.Entry<String, String> label : pod.labels().entrySet()) {
            for (Group group : connector.byLabel().getOrDefault(label.getKey() + "=" + label.getValue(), List.of())) {
                if (group.admits(pod.namespace())) {
                    ids.add(group.id());
                }
            }
        }
        for (Group group : connector.protectAll()) {
            if (group.admits(pod.namespace())) {
                ids.add(group.id());
            }
        }
        return ids;
    }

    /** @return the ids of every group of the connector */
    Set<Long> all(long connectorId) {
        return Collections.unmodifiableSet(connectors.getOrDefault(connectorId, NONE).all());
    }

    /** Reads every group not marked for deletion with its namespaces and label members. */
    static MembershipIndex load(Session session) {
        Map<Long, Long> connectorOf = new HashMap<>();
        Set<Long> protectAll = new HashSet<>();
        for (Object[] row : session.createSelectionQuery("select g.id, g.virtualizationConnector.id, g.protectAll "
                + "from SecurityGroup g where g.markedForDeletion = false", Object[].class).getResultList()) {
            connectorOf.put((Long) row[0], (Long) row[1]);
            if ((Boolean) row[2]) {
                protectAll.add((Long) row[0]);
            }
        }
        Map<Long, Set<String>> namespaces = new HashMap<>();
        for (Object[] row : session.createSelectionQuery("select g.id, n from SecurityGroup g join g.namespaces n "
                + "where g.markedForDeletion = false", Object[].class).getResultList()) {
            namespaces.computeIfAbsent((Long) row[0], id -> new HashSet<>()).add((String) row[1]);
        }
        Map<Long, Group> groups = new HashMap<>();
        Map<Long, Connector> connectors = new HashMap<>();
        connectorOf.forEach((id, vc) -> {
            groups.put(id, new Group(id, Set.copyOf(namespaces.getOrDefault(id, Set.of()))));
            connectors.computeIfAbsent(vc, c -> new Connector(new HashMap<>(), new ArrayList<>(), new TreeSet<>()))
                    .all().add(id);
        });
        protectAll.forEach(id -> connectors.get(connectorOf.get(id)).protectAll().add(groups.get(id)));
        for (Object[] row : session.createSelectionQuery("select m.securityGroup.id, m.label "
                + "from SecurityGroupMember m where m.securityGroup.markedForDeletion = false", Object[].class)
                .getResultList()) {
            Long id = (Long) row[0];
            String label = canonical((String) row[1], id);
            // A group created between the reads is not in this index: the next version's index has it.
            if (label != null && connectorOf.containsKey(id)) {
                connectors.get(connectorOf.get(id)).byLabel().computeIfAbsent(label, l -> new ArrayList<>())
                        .add(groups.get(id));
            }
        }
        return new MembershipIndex(Map.copyOf(connectors));
    }

    /** @return {@code key=value} as pods' labels are looked up, or null for a label no pod can match */
    private static String canonical(String label, long groupId) {
        try {
            return LabelSelector.parse(label).toString();
        } catch (IllegalArgumentException e) {
            // Validated on the way in; a row written otherwise matches nothing rather than breaking the index.
            LOG.warn("Security group {} has a member label that is not key=value: {}", groupId,
                    LogSafe.of(e.getMessage()));
            return null;
        }
    }
}
