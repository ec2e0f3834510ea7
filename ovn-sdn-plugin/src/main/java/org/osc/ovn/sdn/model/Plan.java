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
 * The one transaction that takes the northbound database from OSC's records as a call read them to the records as
 * the call left them ({@link Model}), and the policies of the hooks the call affected to what they need. Only what
 * the call read or touched is compared: the port groups and inspection port records it looked at, the policies of
 * the hooks it put or removed, of every hook on an inspection port record or port group it touched, and policies
 * of OSC's on the router whose hook no record holds any more (a cheap set lookup per OSC policy). So a write costs
 * in proportion to the change (a group's members are compared as one set: in proportion to that group's size),
 * not to all of OSC's rows. Nothing is written for what is already as wanted, so repeating a call transacts
 * nothing.
 *
 * <p>A policy of another hook that drifted (deleted or edited by someone else, or made stale by a router port or
 * a switch port it depends on) is not repaired by an unrelated write: the push channel reports the hook to OSC,
 * whose reconcile finds it not installed ({@link OvnSession#getInspectionHook}) and installs it again, which
 * rewrites its policy.
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
     * @param model the records as read and as the call changed them
     * @param view the northbound content the records were read from
     * @param routerName the cluster router
     * @return the plan
     * @throws SdnException if a hook needs the router and there is none of that name
     */
    public static Plan of(Model model, NbView view, String routerName) throws SdnException {
        Plan plan = new Plan();
        for (String id : model.groupIds()) {
            Model.Read old = model.groupRead(id);
            Model.Group now = model.groupNow(id);
            plan.record(id, old == null ? null : old.row(), old == null ? null : columns(id, old.ports(),
                    old.externalIds()), now == null ? null : columns(id, now.ports, now.externalIds()));
        }
        for (String id : model.portIds()) {
            Model.Read old = model.portRead(id);
            Model.Port now = model.portNow(id);
            plan.record(id, old == null ? null : old.row(), old == null ? null : columns(id, old.ports(),
                    old.externalIds()), now == null ? null : columns(id, now.ports, now.externalIds()));
        }
        plan.policies(model, view, routerName);
        return plan;
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

    /**
     * Makes the policies of the hooks the call affected what the records need, and deletes OSC's policies on the
     * router whose hook no record holds.
     */
    private void policies(Model model, NbView view, String routerName) throws SdnException {
        Set<String> affected = model.affectedHooks();
        Optional<Row> router = view.router(routerName);
        if (router.isEmpty()) {
            if (affected.stream().anyMatch(id -> model.hook(id).filter(h -> h.router().equals(routerName))
                    .isPresent())) {
                throw new SdnException(ControllerSettings.CLUSTER_ROUTER + ": the OVN northbound database has no "
                        + "Logical_Router named " + routerName);
            }
            return;
        }
        Map<String, List<Row>> actual = Policies.actual(view, router.get());
        Set<Uuid> removed = new LinkedHashSet<>();
        Set<NamedUuid> added = new LinkedHashSet<>();
        for (String id : affected) {
            Optional<HookRecord> hook = model.hook(id).filter(h -> h.router().equals(routerName));
            Optional<Policies.Wanted> wanted = hook.isEmpty() ? Optional.empty()
                    : Policies.wanted(model, view, hook.get(), router.get());
            List<Row> rows = actual.getOrDefault(id, List.of());
            if (Policies.converged(wanted, rows)) {
                continue;
            }
            String key = Ledger.key(NbTables.POLICY, id);
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
        Set<String> hooks = model.hookIds(routerName);
        actual.forEach((hookId, rows) -> {
            if (!affected.contains(hookId) && !hooks.contains(hookId)) {
                rows.forEach(r -> removed.add(r.uuid()));
                expected.put(Ledger.key(NbTables.POLICY, hookId), Ledger.ABSENT);
            }
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
