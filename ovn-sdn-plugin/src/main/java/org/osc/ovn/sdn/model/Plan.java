package org.osc.ovn.sdn.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osc.ovn.sdn.nb.ControllerSettings;
import org.osc.ovn.sdn.nb.Ledger;
import org.osc.ovn.sdn.nb.NbTables;
import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovsdb.Condition;
import org.osc.ovsdb.Mutation;
import org.osc.ovsdb.NamedUuid;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.SdnException;

/**
 * The one transaction that takes the northbound database from OSC's records as they are ({@code before}) to
 * the changed records ({@code after}), and every hook policy on the cluster router to what the changed records
 * need. Nothing is written for what is already as wanted, so repeating a call transacts nothing; a policy that
 * drifted (deleted or edited by someone else, or made stale by a new router port) is repaired by any write.
 *
 * <p>GAP: a plan compares every OSC row, and a write loads OSC's records twice, so one call costs in proportion
 * to all ports of all port groups, not to the change. At 10k pods and 100 groups {@code updatePortGroup} took
 * 150-600 ms on a loaded machine and writes to one database queue behind each other (bench {@code --sdn ovn}: a
 * JFR profile put a third of the CPU in {@code OvnSession.write}, half of it here). A plan of the rows a call
 * touches (plus the hook policies of the groups it changes) would make it proportional to the change.
 */
public final class Plan {

    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, String> expected = new LinkedHashMap<>();
    private int names;

    private Plan() {
    }

    /**
     * @return the operations, empty when nothing is to change
     */
    public List<Operation> operations() {
        return operations;
    }

    /**
     * @return for each row written (ledger key), its fingerprint afterwards
     */
    public Map<String, String> expected() {
        return expected;
    }

    /**
     * Plans the transaction.
     *
     * @param before the records as read
     * @param after the records as wanted
     * @param view the northbound content the records were read from
     * @param routerName the cluster router
     * @return the plan
     * @throws SdnException if a hook needs the router and there is none of that name
     */
    public static Plan of(Model before, Model after, NbView view, String routerName) throws SdnException {
        Plan plan = new Plan();
        for (String id : union(before.groups.keySet(), after.groups.keySet())) {
            Model.Group old = before.groups.get(id);
            Model.Group now = after.groups.get(id);
            plan.record(id, old == null ? null : old.row, old == null ? null : columns(id, old.ports,
                    old.externalIds()), now == null ? null : columns(id, now.ports, now.externalIds()));
        }
        for (String id : union(before.ports.keySet(), after.ports.keySet())) {
            Model.Port old = before.ports.get(id);
            Model.Port now = after.ports.get(id);
            plan.record(id, old == null ? null : old.row, old == null ? null : columns(id, old.ports,
                    old.externalIds()), now == null ? null : columns(id, now.ports, now.externalIds()));
        }
        plan.policies(after, view, routerName);
        return plan;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Object> columns(String name, Set<Uuid> ports, Map<String, String> externalIds) {
        Map<String, Object> columns = new TreeMap<>();
        columns.put("name", name);
        columns.put("ports", Set.copyOf(ports));
        columns.put("external_ids", Map.copyOf(externalIds));
        return columns;
    }

    /** Inserts, updates or deletes one record row (a Port_Group). */
    private void record(String name, Uuid row, Map<String, Object> old, Map<String, Object> now) {
        String key = Ledger.key(NbTables.PORT_GROUP, name);
        if (now == null) {
            if (row != null) {
                operations.add(Operation.delete(NbTables.PORT_GROUP, List.of(Condition.uuidIs(row))));
                expected.put(key, Ledger.ABSENT);
            }
            return;
        }
        String fingerprint = Ledger.fingerprint(NbTables.PORT_GROUP, now);
        if (row == null) {
            operations.add(Operation.insert(NbTables.PORT_GROUP, now, null));
        } else if (!Ledger.fingerprint(NbTables.PORT_GROUP, old).equals(fingerprint)) {
            // Members as a mutation of the difference: a group of thousands of pods changes by one at a time.
            Set<?> before = (Set<?>) old.get("ports");
            Set<?> after = (Set<?>) now.get("ports");
            Set<Object> added = new LinkedHashSet<>(after);
            added.removeAll(before);
            Set<Object> gone = new LinkedHashSet<>(before);
            gone.removeAll(after);
            List<Mutation> mutations = new ArrayList<>();
            if (!added.isEmpty()) {
                mutations.add(Mutation.insert("ports", added));
            }
            if (!gone.isEmpty()) {
                mutations.add(Mutation.delete("ports", gone));
            }
            if (!mutations.isEmpty()) {
                operations.add(Operation.mutate(NbTables.PORT_GROUP, List.of(Condition.uuidIs(row)), mutations));
            }
            if (!old.get("external_ids").equals(now.get("external_ids"))) {
                operations.add(Operation.update(NbTables.PORT_GROUP, List.of(Condition.uuidIs(row)),
                        Map.of("external_ids", now.get("external_ids"))));
            }
        } else {
            return;
        }
        expected.put(key, fingerprint);
    }

    /** Makes the router's hook policies what the records need, deleting those of hooks that are gone. */
    private void policies(Model after, NbView view, String routerName) throws SdnException {
        List<HookRecord> hooks = after.hooks().stream().filter(h -> h.router().equals(routerName)).toList();
        Optional<Row> router = view.router(routerName);
        if (router.isEmpty()) {
            if (!hooks.isEmpty()) {
                throw new SdnException(ControllerSettings.CLUSTER_ROUTER + ": the OVN northbound database has no "
                        + "Logical_Router named " + routerName);
            }
            return;
        }
        Map<String, List<Row>> actual = Policies.actual(view, router.get());
        Set<Uuid> removed = new LinkedHashSet<>();
        Set<NamedUuid> added = new LinkedHashSet<>();
        for (HookRecord hook : hooks) {
            Optional<Policies.Wanted> wanted = Policies.wanted(after, view, hook, router.get());
            List<Row> rows = actual.getOrDefault(hook.id(), List.of());
            actual.remove(hook.id());
            if (Policies.converged(wanted, rows)) {
                continue;
            }
            String key = Ledger.key(NbTables.POLICY, hook.id());
            if (wanted.isEmpty()) {
                rows.forEach(r -> removed.add(r.uuid()));
                expected.put(key, Ledger.ABSENT);
                continue;
            }
            if (rows.isEmpty()) {
                NamedUuid name = new NamedUuid("policy" + names++);
                operations.add(Operation.insert(NbTables.POLICY, wanted.get().columns(), name.name()));
                added.add(name);
            } else {
                operations.add(Operation.update(NbTables.POLICY, List.of(Condition.uuidIs(rows.get(0).uuid())),
                        wanted.get().columns()));
                rows.subList(1, rows.size()).forEach(r -> removed.add(r.uuid()));
            }
            expected.put(key, wanted.get().fingerprint());
        }
        // Policies of hooks that no longer exist (removed, or their record deleted behind OSC's back).
        actual.forEach((hookId, rows) -> {
            rows.forEach(r -> removed.add(r.uuid()));
            expected.put(Ledger.key(NbTables.POLICY, hookId), Ledger.ABSENT);
        });
        List<Mutation> mutations = new ArrayList<>();
        if (!added.isEmpty()) {
            mutations.add(Mutation.insert("policies", added));
        }
        if (!removed.isEmpty()) {
            mutations.add(Mutation.delete("policies", removed));
        }
        if (!mutations.isEmpty()) {
            operations.add(Operation.mutate(NbTables.ROUTER, List.of(Condition.uuidIs(router.get().uuid())),
                    mutations));
        }
    }
}
