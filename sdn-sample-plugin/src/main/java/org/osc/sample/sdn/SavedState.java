package org.osc.sample.sdn;

import java.util.List;
import java.util.Map;

import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.PortGroup;

/**
 * The sample controller's state as written to its JSON file.
 *
 * @param format the file format, {@link #FORMAT}; a file of another format is refused rather than misread
 * @param nextId the next number used for a generated id
 * @param ports the known workload ports
 * @param portGroups the registered port groups
 * @param inspectionPorts the registered inspection ports
 * @param hooks the installed inspection hooks
 * @param calls SPI calls per operation
 * @param changes SPI calls per operation that changed state
 * @param unhealthyInspectionPorts the ids of the inspection ports set unhealthy (the others are healthy)
 */
public record SavedState(int format, long nextId, List<WorkloadPort> ports, List<PortGroup> portGroups,
        List<InspectionPort> inspectionPorts, List<InspectionHook> hooks, Map<String, Long> calls,
        Map<String, Long> changes, List<String> unhealthyInspectionPorts) {

    /** The current file format. */
    public static final int FORMAT = 1;

    /** Null lists (an older or hand-edited file) read as empty. */
    public SavedState {
        ports = ports == null ? List.of() : List.copyOf(ports);
        portGroups = portGroups == null ? List.of() : List.copyOf(portGroups);
        inspectionPorts = inspectionPorts == null ? List.of() : List.copyOf(inspectionPorts);
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        calls = calls == null ? Map.of() : Map.copyOf(calls);
        changes = changes == null ? Map.of() : Map.copyOf(changes);
        unhealthyInspectionPorts = unhealthyInspectionPorts == null ? List.of() : List.copyOf(unhealthyInspectionPorts);
    }

    /** The state of a controller that has never run. */
    static SavedState empty() {
        return new SavedState(FORMAT, 1, null, null, null, null, null, null, null);
    }
}
