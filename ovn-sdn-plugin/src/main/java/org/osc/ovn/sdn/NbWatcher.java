package org.osc.ovn.sdn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osc.ovn.sdn.model.HookRecord;
import org.osc.ovn.sdn.model.Ports;
import org.osc.ovn.sdn.nb.Ledger;
import org.osc.ovn.sdn.nb.NbConnection;
import org.osc.ovn.sdn.nb.NbTables;
import org.osc.ovn.sdn.nb.Owned;
import org.osc.ovsdb.ReplicaListener;
import org.osc.ovsdb.Row;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;

/**
 * Turns what a connection's replica reports into push notifications: a pod's logical switch port appearing,
 * changing or going away is a {@code workloadPortChanged}; a row of OSC's changed or deleted by anyone but this
 * plugin (its own transactions are in the {@link Ledger}) is an {@code elementChanged} of the element it holds;
 * a router port added or removed makes every hook's policy stale (its {@code inport} set), so every hook is
 * reported; a switch port's addresses changing make stale the policies of the hooks that steer to it (a VNF's
 * port) or inspect it alone, so those hooks are reported. Runs on the connection's event thread.
 */
final class NbWatcher implements ReplicaListener {

    private final NbConnection connection;
    private final PushChannel push;

    NbWatcher(NbConnection connection, PushChannel push) {
        this.connection = connection;
        this.push = push;
    }

    @Override
    public void onInsert(Row row) {
        changed(null, row);
    }

    @Override
    public void onModify(Row previous, Row current) {
        changed(previous, current);
    }

    @Override
    public void onDelete(Row row) {
        changed(row, null);
    }

    private void changed(Row old, Row now) {
        Row any = now != null ? now : old;
        switch (any.table()) {
            case NbTables.LSP -> port(old, now);
            case NbTables.PORT_GROUP, NbTables.POLICY -> owned(old, now);
            case NbTables.ROUTER_PORT -> {
                if (old == null || now == null) {
                    everyHook();
                }
            }
            default -> {
            }
        }
    }

    private void port(Row old, Row now) {
        Row any = now != null ? now : old;
        if ("router".equals(any.getString("type")) && (old == null || now == null)) {
            everyHook();
            return;
        }
        if (old != null && now != null && Objects.equals(old.get("name"), now.get("name"))
                && Objects.equals(old.getSet("addresses"), now.getSet("addresses"))
                && Objects.equals(old.get("type"), now.get("type"))) {
            return;
        }
        hooksOf(any);
        String[] pod = Ports.pod(any);
        if (pod != null) {
            // OVN-Kubernetes records the pod's uid as the port's options:iface-id-ver.
            Object uid = any.getMap("options").get("iface-id-ver");
            push.workloadPortChanged(connection.settings(), pod[0], pod[1], uid == null ? "" : uid.toString(),
                    now == null ? List.of() : Ports.ipv4(now));
        }
    }

    private void owned(Row old, Row now) {
        Row any = now != null ? now : old;
        String kind = Owned.kind(any).orElse(null);
        if (kind == null && old != null) {
            kind = Owned.kind(old).orElse(null);
        }
        if (kind == null) {
            return;
        }
        String key = Ledger.key(old != null && Owned.kind(old).isPresent() ? old : any);
        String fingerprint = now == null ? Ledger.ABSENT : Ledger.fingerprint(now);
        if (key == null || connection.ledger().echo(key, fingerprint)) {
            return;
        }
        String id = Owned.id(old != null ? old : now);
        switch (kind) {
            case Owned.KIND_PORT_GROUP -> push.elementChanged(connection.settings(), ElementKind.PORT_GROUP, id);
            case Owned.KIND_INSPECTION_PORT -> {
                push.elementChanged(connection.settings(), ElementKind.INSPECTION_PORT, id);
                hooksChanged(old, now);
            }
            case Owned.KIND_INSPECTION_HOOK ->
                push.elementChanged(connection.settings(), ElementKind.INSPECTION_HOOK, id);
            default -> {
            }
        }
    }

    /** The hooks whose record in an inspection port's row was removed or changed. */
    private void hooksChanged(Row old, Row now) {
        if (old == null) {
            return;
        }
        Map<Object, Object> before = old.getMap("external_ids");
        Map<Object, Object> after = now == null ? Map.of() : now.getMap("external_ids");
        before.forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith(HookRecord.KEY_PREFIX) && !Objects.equals(v, after.get(k))) {
                push.elementChanged(connection.settings(), ElementKind.INSPECTION_HOOK,
                        key.substring(HookRecord.KEY_PREFIX.length()));
            }
        });
    }

    /** The hooks whose policy depends on a switch port: those steering to it, and those inspecting it alone. */
    private void hooksOf(Row lsp) {
        InspectedElement alone = InspectedElement.port(String.valueOf(lsp.getString("name")));
        Set<String> hooks = new LinkedHashSet<>();
        for (Row row : connection.replica().rows(NbTables.PORT_GROUP).values()) {
            if (Owned.kind(row).filter(Owned.KIND_INSPECTION_PORT::equals).isEmpty()) {
                continue;
            }
            boolean target = row.getSet("ports").contains(lsp.uuid());
            String port = row.getString("name");
            row.getMap("external_ids").forEach((k, v) -> {
                HookRecord hook = HookRecord.decode(k.toString(), v.toString(), port);
                if (hook != null && (target || hook.spec().inspected().equals(alone))) {
                    hooks.add(hook.id());
                }
            });
        }
        hooks.forEach(h -> push.elementChanged(connection.settings(), ElementKind.INSPECTION_HOOK, h));
    }

    private void everyHook() {
        Set<String> hooks = new LinkedHashSet<>();
        for (Row row : connection.replica().rows(NbTables.PORT_GROUP).values()) {
            if (Owned.kind(row).filter(Owned.KIND_INSPECTION_PORT::equals).isPresent()) {
                row.getMap("external_ids").keySet().stream().map(Object::toString)
                        .filter(k -> k.startsWith(HookRecord.KEY_PREFIX))
                        .forEach(k -> hooks.add(k.substring(HookRecord.KEY_PREFIX.length())));
            }
        }
        hooks.forEach(h -> push.elementChanged(connection.settings(), ElementKind.INSPECTION_HOOK, h));
    }
}
