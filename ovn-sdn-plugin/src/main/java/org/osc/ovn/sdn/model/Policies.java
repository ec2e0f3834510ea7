package org.osc.ovn.sdn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.osc.ovn.sdn.nb.Ledger;
import org.osc.ovn.sdn.nb.NbTables;
import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovn.sdn.nb.Owned;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.Uuid;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;

/**
 * The {@code Logical_Router_Policy} an inspection hook needs on the cluster router, given the hook, its
 * inspection port's health and where the VNF is:
 *
 * <ul>
 * <li>healthy: {@code reroute} to the VNF's IPv4 address of the traffic from or to the inspected addresses (the
 * port group's address set {@code $<pg>_ip4}, which ovn-northd derives, or a single port's IPs) that enters the
 * router from any router port except those facing the VNF's own switch(es), so that what the VNF forwards back is
 * routed normally instead of looping;</li>
 * <li>unhealthy (or the VNF's port or address missing, or its switch not on the router): {@code FAIL_CLOSE} and
 * {@code NA} a {@code drop} of the same traffic, {@code FAIL_OPEN} no policy (direct).</li>
 * </ul>
 *
 * <p>The priority comes from the hook's order: {@code 3000 - min(order, 1000)}, so a lower order wins, in a band
 * above OVN-Kubernetes' own policies (100 to 1004).
 *
 * <p>GAP: IPv4 only (IPv6 traffic of a group is not steered); traffic entering the router from the VNF's own
 * switch is not steered (it cannot be told from what the VNF forwards back on OVN 23.03); no
 * {@code Network_Function} mode for OVN 26.03 and later (see docs/ovn-sdn-plugin.md).
 */
public final class Policies {

    /** Priority of a hook of order 0. */
    static final long TOP_PRIORITY = 3000;
    /** Orders above this share the lowest priority. */
    static final long MAX_ORDER = 1000;
    /** external_ids key naming the inspection port of a policy. */
    static final String INSPECTION_PORT = "osc-inspection-port";
    /** external_ids key saying what a policy does for its hook: redirect or drop. */
    static final String MODE = "osc-mode";

    /**
     * A policy row as wanted.
     *
     * @param hookId the hook
     * @param columns the columns to write (priority, match, action, nexthops, external_ids)
     */
    public record Wanted(String hookId, Map<String, Object> columns) {
        /** @return the ledger fingerprint of the row */
        public String fingerprint() {
            return Ledger.fingerprint(NbTables.POLICY, columns);
        }
    }

    private Policies() {
    }

    /**
     * @param model OSC's records
     * @param view the northbound content
     * @param hook the hook
     * @param router the cluster router's row
     * @return the policy the hook needs, or empty for none
     */
    public static Optional<Wanted> wanted(Model model, NbView view, HookRecord hook, Row router) {
        Optional<String> addresses = addresses(model, view, hook);
        Model.Port port = model.port(hook.spec().inspectionPortId()).orElse(null);
        if (addresses.isEmpty() || port == null) {
            return Optional.empty();
        }
        String traffic = "(ip4.src == " + addresses.get() + " || ip4.dst == " + addresses.get() + ")";
        long priority = TOP_PRIORITY - Math.min(hook.spec().order(), MAX_ORDER);
        Optional<String> vnfIp = view.lsp(port.ingress).flatMap(l -> Ports.ipv4(l).stream().findFirst());
        if (port.healthy && vnfIp.isPresent()) {
            Optional<Set<String>> entries = entryPorts(view, port, router);
            if (entries.isPresent()) {
                if (entries.get().isEmpty()) {
                    return Optional.empty(); // nothing enters the router but through the VNF's switch
                }
                StringBuilder inports = new StringBuilder();
                entries.get().forEach(p -> inports.append(inports.length() == 0 ? "" : ", ").append('"').append(p)
                        .append('"'));
                String match = "inport == {" + inports + "} && " + traffic;
                return Optional.of(row(hook, priority, match, "reroute", Set.of(vnfIp.get()), "redirect"));
            }
        }
        if (hook.spec().failurePolicy() == FailurePolicy.FAIL_OPEN) {
            return Optional.empty();
        }
        return Optional.of(row(hook, priority, traffic, "drop", Set.of(), "drop"));
    }

    /** The inspected addresses as a match operand, or empty if there are none. */
    private static Optional<String> addresses(Model model, NbView view, HookRecord hook) {
        if (hook.spec().inspected().kind() == ElementKind.PORT_GROUP) {
            String group = hook.spec().inspected().id();
            return model.hasGroup(group) ? Optional.of("$" + group + "_ip4") : Optional.empty();
        }
        List<String> ips = view.lsp(hook.spec().inspected().id()).map(Ports::ipv4).orElse(List.of());
        return ips.isEmpty() ? Optional.empty() : Optional.of("{" + String.join(", ", ips) + "}");
    }

    /**
     * The router's ports other than those facing the switches of the VNF's ports; empty if a VNF port is on no
     * switch attached to the router (the reroute could not reach it).
     */
    private static Optional<Set<String>> entryPorts(NbView view, Model.Port port, Row router) {
        Set<String> routerPorts = new TreeSet<>();
        router.getSet("ports").forEach(p -> view.routerPort((Uuid) p)
                .ifPresent(lrp -> routerPorts.add(lrp.getString("name"))));
        Set<String> facing = new TreeSet<>();
        for (String name : new TreeSet<>(List.of(port.ingress, port.egress))) {
            Optional<Row> lsp = view.lsp(name);
            Optional<Row> ls = lsp.flatMap(l -> view.switchOf(l.uuid()));
            if (ls.isEmpty()) {
                return Optional.empty();
            }
            Set<String> here = new TreeSet<>();
            for (Object p : ls.get().getSet("ports")) {
                view.lsp((Uuid) p).filter(l -> "router".equals(l.getString("type")))
                        .map(l -> (String) l.getMap("options").get("router-port"))
                        .filter(routerPorts::contains).ifPresent(here::add);
            }
            if (here.isEmpty()) {
                return Optional.empty();
            }
            facing.addAll(here);
        }
        routerPorts.removeAll(facing);
        return Optional.of(routerPorts);
    }

    private static Wanted row(HookRecord hook, long priority, String match, String action, Set<String> nexthops,
            String mode) {
        Map<String, Object> ids = new TreeMap<>();
        ids.put(Owned.OWNER, Owned.OSC);
        ids.put(Owned.KIND, Owned.KIND_INSPECTION_HOOK);
        ids.put(Owned.ID, hook.id());
        ids.put(INSPECTION_PORT, hook.spec().inspectionPortId());
        ids.put(MODE, mode);
        Map<String, Object> columns = new TreeMap<>();
        columns.put("priority", priority);
        columns.put("match", match);
        columns.put("action", action);
        columns.put("nexthops", nexthops);
        columns.put("external_ids", ids);
        return new Wanted(hook.id(), columns);
    }

    /** The memo key of a router's hook policies in a view. */
    private record ActualKey(Uuid router) {
    }

    /**
     * OSC's hook policies on a router, by hook id; computed once per view.
     *
     * @param view the northbound content
     * @param router the router's row
     * @return the rows of each hook id (not to be changed)
     */
    public static Map<String, List<Row>> actual(NbView view, Row router) {
        return view.memo(new ActualKey(router.uuid()), v -> {
            Map<String, List<Row>> result = new TreeMap<>();
            for (Object p : router.getSet("policies")) {
                v.policy((Uuid) p).filter(r -> Owned.kind(r).filter(Owned.KIND_INSPECTION_HOOK::equals)
                        .isPresent()).ifPresent(r -> result.computeIfAbsent(String.valueOf(Owned.id(r)),
                                k -> new ArrayList<>()).add(r));
            }
            result.replaceAll((k, rows) -> List.copyOf(rows));
            return Collections.unmodifiableMap(result);
        });
    }

    /**
     * Whether a hook's policy rows are what it needs: none if none is wanted, else exactly the wanted one.
     *
     * @param wanted what the hook needs
     * @param rows its rows on the router
     * @return whether they match
     */
    public static boolean converged(Optional<Wanted> wanted, List<Row> rows) {
        if (wanted.isEmpty()) {
            return rows.isEmpty();
        }
        return rows.size() == 1 && Ledger.fingerprint(rows.get(0)).equals(wanted.get().fingerprint());
    }
}
