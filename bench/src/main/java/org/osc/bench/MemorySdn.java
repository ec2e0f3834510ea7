package org.osc.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osc.sdn.api.ElementConflictException;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * A stand-in SDN controller that costs next to nothing, so that membership latency measures OSC and not the
 * controller: the sample plugin's rules (ports learned from a pod's uid and IPs, port groups registered by name,
 * members must be known ports, single-port inspection ports registered by ingress, hooks unique per inspected
 * element and inspection port, nothing removed while a hook uses it, an inspection port's health as last set),
 * kept in memory only, under one lock held for microseconds. The sample plugin instead saves its whole state as JSON
 * after every change under one lock, which at a thousand pods and more costs tens of milliseconds a change
 * (measurable with {@code --sdn sample}). Like a real controller it is not restarted with OSC.
 */
final class MemorySdn implements SdnControllerApi {

    private final Map<String, NetworkElement> portsByPod = new HashMap<>();
    private final Map<String, NetworkElement> portsById = new HashMap<>();
    private final Map<String, PortGroup> portGroups = new LinkedHashMap<>();
    private final Map<String, InspectionPort> inspectionPorts = new LinkedHashMap<>();
    private final Map<String, InspectionHook> hooks = new LinkedHashMap<>();
    /** Inspection ports set unhealthy; a port not here is healthy (as a new one is). */
    private final Map<String, Boolean> unhealthy = new HashMap<>();
    private long nextId;
    private long changes;

    /** @return how many calls changed the controller's state (a write that left it as it was is not one) */
    synchronized long changes() {
        return changes;
    }

    private <T> T put(Map<String, T> map, String id, T value) {
        if (!value.equals(map.put(id, value))) {
            changes++;
        }
        return value;
    }

    private void removed(Object previous) {
        if (previous != null) {
            changes++;
        }
    }

    @Override
    public ControllerStatus getStatus(VirtualizationConnectorElement connector) {
        return new ControllerStatus("MemorySdn", "1.0.0", true);
    }

    @Override
    public RedirectionSession openSession(VirtualizationConnectorElement connector) {
        return new Session();
    }

    private synchronized NetworkElement port(WorkloadIdentity pod) throws ElementNotFoundException {
        String key = pod.namespace() + "/" + pod.name();
        NetworkElement known = portsByPod.get(key);
        String id = "port-" + pod.uid();
        if (known != null && known.id().equals(id) && (pod.ipAddresses().isEmpty()
                || known.ipAddresses().equals(pod.ipAddresses()))) {
            return known;
        }
        if (pod.uid().isBlank() || pod.ipAddresses().isEmpty()) {
            throw new ElementNotFoundException(ElementKind.WORKLOAD, pod.qualifiedName(), "no port for pod "
                    + pod.qualifiedName() + ": no uid or no IP address yet");
        }
        String mac = String.format("02:00:%02x:%02x:%02x:%02x", (id.hashCode() >>> 24) & 0xff,
                (id.hashCode() >>> 16) & 0xff, (id.hashCode() >>> 8) & 0xff, id.hashCode() & 0xff);
        NetworkElement port = new NetworkElement(id, List.of(mac), pod.ipAddresses(), pod.namespace());
        if (known != null) {
            portsById.remove(known.id());
        }
        portsByPod.put(key, port);
        return put(portsById, id, port);
    }

    private void requireKnown(Set<NetworkElement> members) throws ElementNotFoundException {
        for (NetworkElement member : members) {
            if (!portsById.containsKey(member.id())) {
                throw new ElementNotFoundException(ElementKind.PORT, member.id());
            }
        }
    }

    private synchronized PortGroup register(String name, Set<NetworkElement> members) throws SdnException {
        requireKnown(members);
        String id = portGroups.values().stream().filter(g -> g.name().equals(name)).map(PortGroup::id).findFirst()
                .orElseGet(() -> "pg-" + nextId++);
        return put(portGroups, id, new PortGroup(id, name, members));
    }

    private synchronized PortGroup update(String id, Set<NetworkElement> members) throws SdnException {
        PortGroup existing = portGroups.get(id);
        if (existing == null) {
            throw new ElementNotFoundException(ElementKind.PORT_GROUP, id);
        }
        requireKnown(members);
        return put(portGroups, id, new PortGroup(id, existing.name(), members));
    }

    private synchronized void deleteGroup(String id) throws SdnException {
        if (hooks.values().stream().anyMatch(h -> h.inspected().equals(InspectedElement.portGroup(id)))) {
            throw new ElementConflictException("port group " + id + " is still inspected");
        }
        removed(portGroups.remove(id));
    }

    private synchronized InspectionPort registerInspection(NetworkElement ingress, NetworkElement egress)
            throws SdnException {
        requireKnown(new HashSet<>(List.of(ingress, egress)));
        String id = inspectionPorts.values().stream().filter(p -> p.ingress().id().equals(ingress.id()))
                .map(InspectionPort::id).findFirst().orElseGet(() -> "insp-" + nextId++);
        return put(inspectionPorts, id, new InspectionPort(id, ingress, egress));
    }

    private synchronized void removeInspection(String id) throws SdnException {
        if (hooks.values().stream().anyMatch(h -> h.inspectionPortId().equals(id))) {
            throw new ElementConflictException("inspection port " + id + " is still used by a hook");
        }
        removed(inspectionPorts.remove(id));
        unhealthy.remove(id);
    }

    private synchronized void health(String id, boolean healthy) throws SdnException {
        if (!inspectionPorts.containsKey(id)) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_PORT, id);
        }
        boolean changed = healthy ? unhealthy.remove(id) != null : unhealthy.put(id, true) == null;
        if (changed) {
            changes++;
        }
    }

    private synchronized boolean healthy(String id) throws SdnException {
        if (!inspectionPorts.containsKey(id)) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_PORT, id);
        }
        return !unhealthy.containsKey(id);
    }

    private synchronized InspectionHook install(String hookId, InspectionHookSpec spec) throws SdnException {
        boolean inspectedExists = spec.inspected().kind() == ElementKind.PORT_GROUP
                ? portGroups.containsKey(spec.inspected().id()) : portsById.containsKey(spec.inspected().id());
        if (!inspectedExists) {
            throw new ElementNotFoundException(spec.inspected().kind(), spec.inspected().id());
        }
        if (!inspectionPorts.containsKey(spec.inspectionPortId())) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_PORT, spec.inspectionPortId());
        }
        Optional<InspectionHook> holder = find(spec.inspected(), spec.inspectionPortId());
        if (hookId == null) {
            hookId = holder.map(InspectionHook::id).orElseGet(() -> "hook-" + nextId++);
        } else if (!hooks.containsKey(hookId)) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_HOOK, hookId);
        } else if (holder.isPresent() && !holder.get().id().equals(hookId)) {
            throw new ElementConflictException("hook " + holder.get().id() + " already redirects "
                    + spec.inspected() + " to " + spec.inspectionPortId());
        }
        return put(hooks, hookId, InspectionHook.of(hookId, spec));
    }

    private synchronized Optional<InspectionHook> find(InspectedElement inspected, String inspectionPortId) {
        return hooks.values().stream()
                .filter(h -> h.inspected().equals(inspected) && h.inspectionPortId().equals(inspectionPortId))
                .findFirst();
    }

    private synchronized List<InspectionHook> hooksOf(InspectedElement inspected) {
        List<InspectionHook> found = new ArrayList<>(hooks.values().stream()
                .filter(h -> h.inspected().equals(inspected)).toList());
        found.sort(Comparator.comparingLong(InspectionHook::order).thenComparing(InspectionHook::id));
        return found;
    }

    private synchronized void removeHooksOf(InspectedElement inspected) {
        if (hooks.values().removeIf(h -> h.inspected().equals(inspected))) {
            changes++;
        }
    }

    private synchronized <T> Optional<T> get(Map<String, T> map, String id) {
        return Optional.ofNullable(map.get(id));
    }

    private synchronized void removeHook(String id) {
        removed(hooks.remove(id));
    }

    /** Every call goes straight to the controller. */
    private final class Session implements RedirectionSession {

        @Override
        public NetworkElement getWorkloadPort(WorkloadIdentity workload) throws SdnException {
            return port(workload);
        }

        @Override
        public PortGroup registerPortGroup(String name, Set<NetworkElement> members) throws SdnException {
            return register(name, members);
        }

        @Override
        public PortGroup updatePortGroup(String portGroupId, Set<NetworkElement> members) throws SdnException {
            return update(portGroupId, members);
        }

        @Override
        public Optional<PortGroup> getPortGroup(String portGroupId) {
            return get(portGroups, portGroupId);
        }

        @Override
        public void deletePortGroup(String portGroupId) throws SdnException {
            deleteGroup(portGroupId);
        }

        @Override
        public InspectionPort registerInspectionPort(NetworkElement ingress, NetworkElement egress)
                throws SdnException {
            return registerInspection(ingress, egress);
        }

        @Override
        public Optional<InspectionPort> getInspectionPort(String inspectionPortId) {
            return get(inspectionPorts, inspectionPortId);
        }

        @Override
        public void removeInspectionPort(String inspectionPortId) throws SdnException {
            removeInspection(inspectionPortId);
        }

        @Override
        public void setInspectionPortHealthy(String inspectionPortId, boolean healthy) throws SdnException {
            health(inspectionPortId, healthy);
        }

        @Override
        public boolean isInspectionPortHealthy(String inspectionPortId) throws SdnException {
            return healthy(inspectionPortId);
        }

        @Override
        public InspectionHook installInspectionHook(InspectionHookSpec spec) throws SdnException {
            return install(null, spec);
        }

        @Override
        public InspectionHook updateInspectionHook(String hookId, InspectionHookSpec spec) throws SdnException {
            return install(hookId, spec);
        }

        @Override
        public Optional<InspectionHook> getInspectionHook(String hookId) {
            return get(hooks, hookId);
        }

        @Override
        public Optional<InspectionHook> findInspectionHook(InspectedElement inspected, String inspectionPortId) {
            return find(inspected, inspectionPortId);
        }

        @Override
        public List<InspectionHook> getInspectionHooks(InspectedElement inspected) {
            return hooksOf(inspected);
        }

        @Override
        public void removeInspectionHook(String hookId) {
            removeHook(hookId);
        }

        @Override
        public void removeAllInspectionHooks(InspectedElement inspected) {
            removeHooksOf(inspected);
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
