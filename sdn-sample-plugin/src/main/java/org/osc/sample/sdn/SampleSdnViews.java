package org.osc.sample.sdn;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;

/** The JSON shapes of the sample's REST API: immutable copies, never the controller's own objects. */
public final class SampleSdnViews {

    private SampleSdnViews() {
    }

    /**
     * A pod's port.
     *
     * @param namespace pod namespace
     * @param name pod name
     * @param uid pod uid the port was learned for, "" when told
     * @param source TOLD (over REST) or LEARNED (from a lookup)
     * @param portId the port id
     * @param macAddresses the port's MACs
     * @param ipAddresses the port's IPs
     * @param parentId the port's domain (the namespace)
     */
    public record PortView(String namespace, String name, String uid, WorkloadPort.Source source, String portId,
            List<String> macAddresses, List<String> ipAddresses, String parentId) {

        static PortView of(WorkloadPort p) {
            NetworkElement e = p.port();
            return new PortView(p.namespace(), p.name(), p.uid(), p.source(), e.id(), e.macAddresses(),
                    e.ipAddresses(), e.parentId());
        }
    }

    /**
     * A port group with its members ordered by port id.
     *
     * @param id group id
     * @param name the name OSC registered it under
     * @param members member ports
     */
    public record PortGroupView(String id, String name, List<NetworkElement> members) {

        static PortGroupView of(PortGroup g) {
            return new PortGroupView(g.id(), g.name(),
                    g.members().stream().sorted(Comparator.comparing(NetworkElement::id)).toList());
        }
    }

    /**
     * An inspection hook, flattened for easy assertions.
     *
     * @param id hook id
     * @param inspectedKind PORT_GROUP or PORT
     * @param inspectedId id of the inspected group or port
     * @param inspectionPortId the inspection port traffic goes to
     * @param tag redirection tag
     * @param encapsulation tag encapsulation
     * @param order order among the element's hooks
     * @param failurePolicy failure policy
     */
    public record HookView(String id, ElementKind inspectedKind, String inspectedId, String inspectionPortId,
            long tag, TagEncapsulation encapsulation, long order, FailurePolicy failurePolicy) {

        static HookView of(InspectionHook h) {
            return new HookView(h.id(), h.inspected().kind(), h.inspected().id(), h.inspectionPortId(), h.tag(),
                    h.encapsulation(), h.order(), h.failurePolicy());
        }
    }

    /**
     * SPI call counters: every call per operation, and the calls that changed state.
     *
     * @param calls calls per operation name (the SPI method name)
     * @param changes calls per operation that changed the controller's state
     */
    public record Counters(Map<String, Long> calls, Map<String, Long> changes) {
    }

    /**
     * The whole state.
     *
     * @param name controller name
     * @param version controller version
     * @param reachable whether the controller answers (tests can make it unreachable)
     * @param ports known pod ports
     * @param portGroups port groups
     * @param inspectionPorts inspection ports
     * @param hooks inspection hooks
     * @param counters SPI call counters
     * @param unhealthyInspectionPorts ids of the inspection ports OSC set unhealthy (their hooks apply their
     *        failure policy)
     */
    public record Snapshot(String name, String version, boolean reachable, List<PortView> ports,
            List<PortGroupView> portGroups, List<InspectionPort> inspectionPorts, List<HookView> hooks,
            Counters counters, List<String> unhealthyInspectionPorts) {
    }

    /**
     * Answer of {@code GET inspection-ports}.
     *
     * @param items the inspection ports
     * @param unhealthy the ids of those OSC set unhealthy (their hooks apply their failure policy)
     */
    public record InspectionPortsView(List<InspectionPort> items, List<String> unhealthy) {
    }

    /**
     * Body of {@code PUT ports/{namespace}/{name}}.
     *
     * @param portId the port id, derived from the pod name if absent
     * @param macAddress the MAC, derived from the pod name if absent
     * @param ipAddresses the pod's IPs
     */
    public record PortRequest(String portId, String macAddress, List<String> ipAddresses) {
    }

    /**
     * Body of {@code PUT port-groups/{id}/members}.
     *
     * @param portIds the ids of the ports the group is to have
     */
    public record MembersRequest(List<String> portIds) {
    }

    /**
     * Body of {@code PUT reachable}.
     *
     * @param reachable false to make every SPI call fail with ControllerUnreachableException
     */
    public record Reachability(boolean reachable) {
    }
}
