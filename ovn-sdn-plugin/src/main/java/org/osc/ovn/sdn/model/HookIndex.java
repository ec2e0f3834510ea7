package org.osc.ovn.sdn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovsdb.Row;
import org.osc.sdn.api.element.InspectedElement;

/**
 * The hook records of every inspection port in a view, by hook id and by inspected element, decoded once per view
 * ({@link NbView#memo}) so that finding a hook or the hooks on a port group does not decode every record on every
 * call. Immutable.
 */
final class HookIndex {

    private final Map<String, HookRecord> byId;
    private final Map<InspectedElement, List<HookRecord>> byInspected;
    private final Map<String, List<HookRecord>> byPort;

    private HookIndex(Map<String, HookRecord> byId, Map<InspectedElement, List<HookRecord>> byInspected,
            Map<String, List<HookRecord>> byPort) {
        this.byId = byId;
        this.byInspected = byInspected;
        this.byPort = byPort;
    }

    /**
     * @param view the northbound content
     * @return its index, computed once per view
     */
    static HookIndex of(NbView view) {
        return view.memo(HookIndex.class, HookIndex::build);
    }

    private static HookIndex build(NbView view) {
        Map<String, HookRecord> byId = new LinkedHashMap<>();
        Map<InspectedElement, List<HookRecord>> byInspected = new LinkedHashMap<>();
        Map<String, List<HookRecord>> byPort = new LinkedHashMap<>();
        for (Row row : view.inspectionPorts()) {
            String port = row.getString("name");
            if (port == null || row.getMap("external_ids").get(Model.INGRESS) == null) {
                continue; // not a record Model reads either
            }
            row.getMap("external_ids").forEach((k, v) -> {
                HookRecord hook = HookRecord.decode(k.toString(), v.toString(), port);
                if (hook != null) {
                    byPort.computeIfAbsent(port, p -> new ArrayList<>()).add(hook);
                    if (byId.putIfAbsent(hook.id(), hook) == null) {
                        byInspected.computeIfAbsent(hook.spec().inspected(), i -> new ArrayList<>()).add(hook);
                    }
                }
            });
        }
        return new HookIndex(Collections.unmodifiableMap(byId), Collections.unmodifiableMap(byInspected),
                Collections.unmodifiableMap(byPort));
    }

    /**
     * @param id a hook id
     * @return its record in the view, or null
     */
    HookRecord hook(String id) {
        return byId.get(id);
    }

    /**
     * @param port an inspection port id
     * @return the hooks its record holds in the view
     */
    List<HookRecord> onPort(String port) {
        return Collections.unmodifiableList(byPort.getOrDefault(port, List.of()));
    }

    /**
     * @param inspected an inspected element
     * @return the hooks on it in the view
     */
    List<HookRecord> on(InspectedElement inspected) {
        return Collections.unmodifiableList(byInspected.getOrDefault(inspected, List.of()));
    }
}
