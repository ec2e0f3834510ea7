package org.osc.sample.sdn;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.osc.sdn.api.ElementConflictException;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.NotSupportedException;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * The sample controller's elements and rules, without locking or persistence (the caller holds the lock and
 * saves when {@link #takeChanged()} says so). Every method validates fully before it mutates, so a failed
 * call leaves the model as it was.
 */
final class SdnModel {

    /** Must agree with the encapsulations advertised by {@link SampleSdnComponent}. */
    static final Set<TagEncapsulation> ENCAPSULATIONS = EnumSet.of(TagEncapsulation.VLAN, TagEncapsulation.VXLAN);

    private static final Comparator<InspectionHook> BY_ORDER =
            Comparator.comparingLong(InspectionHook::order).thenComparing(InspectionHook::id);

    final PortTable ports = new PortTable();
    private final Map<String, PortGroup> portGroups = new LinkedHashMap<>();
    private final Map<String, InspectionPort> inspectionPorts = new LinkedHashMap<>();
    /** Inspection ports OSC set unhealthy: hooks to them apply their failure policy. */
    private final Set<String> unhealthy = new TreeSet<>();
    private final Map<String, InspectionHook> hooks = new LinkedHashMap<>();
    private long nextId;
    private boolean changed;

    SdnModel(SavedState saved) {
        ports.load(saved.ports());
        saved.portGroups().forEach(g -> portGroups.put(g.id(), g));
        saved.inspectionPorts().forEach(p -> inspectionPorts.put(p.id(), p));
        saved.hooks().forEach(h -> hooks.put(h.id(), h));
        unhealthy.addAll(saved.unhealthyInspectionPorts());
        nextId = saved.nextId();
    }

    SavedState save(Map<String, Long> calls, Map<String, Long> changes) {
        return new SavedState(SavedState.FORMAT, nextId, ports.all(), List.copyOf(portGroups.values()),
                List.copyOf(inspectionPorts.values()), List.copyOf(hooks.values()), calls, changes,
                List.copyOf(unhealthy));
    }

    /** Whether anything changed since the last call, resetting the flag. */
    boolean takeChanged() {
        boolean result = changed;
        changed = false;
        return result;
    }

    /** Marks a change made outside this class's methods (ports told over REST). */
    void markChanged() {
        changed = true;
    }

    NetworkElement workloadPort(WorkloadIdentity pod) throws ElementNotFoundException {
        PortTable.Lookup lookup = ports.lookup(Checks.notNull(pod, "workload"));
        changed |= lookup.changed();
        return lookup.port();
    }

    PortGroup registerPortGroup(String name, Set<NetworkElement> members) throws ElementNotFoundException {
        Checks.id(name, "port group name");
        requireMembers(members);
        Optional<PortGroup> existing = portGroups.values().stream().filter(g -> g.name().equals(name)).findFirst();
        // The id is made of the name, not of a counter: every copy of this sample controller gives a port group the
        // same id, as one shared controller would (the HA tests run a copy per OSC replica; with counted ids, the
        // id one replica stored would name another group on the copy of the replica that takes over).
        String id = existing.map(PortGroup::id).orElse("pg-" + name);
        return putGroup(new PortGroup(id, name, members));
    }

    PortGroup updatePortGroup(String id, Set<NetworkElement> members) throws ElementNotFoundException {
        PortGroup existing = portGroups.get(Checks.id(id, "port group id"));
        if (existing == null) {
            throw new ElementNotFoundException(ElementKind.PORT_GROUP, id);
        }
        requireMembers(members);
        return putGroup(new PortGroup(id, existing.name(), members));
    }

    Optional<PortGroup> portGroup(String id) {
        return Optional.ofNullable(portGroups.get(Checks.id(id, "port group id")));
    }

    void deletePortGroup(String id) throws ElementConflictException {
        if (portGroups.containsKey(Checks.id(id, "port group id"))) {
            requireUnhooked(h -> h.inspected().equals(InspectedElement.portGroup(id)), "port group " + id);
            remove(portGroups, id);
        }
    }

    InspectionPort registerInspectionPort(NetworkElement ingress, NetworkElement egress)
            throws ElementNotFoundException {
        ports.requireKnown(ingress);
        ports.requireKnown(egress);
        String id = inspectionPorts.values().stream().filter(p -> p.ingress().id().equals(ingress.id()))
                .map(InspectionPort::id).findFirst().orElseGet(() -> newId("insp-"));
        InspectionPort port = new InspectionPort(id, ingress, egress);
        changed |= !port.equals(inspectionPorts.put(id, port));
        return port;
    }

    Optional<InspectionPort> inspectionPort(String id) {
        return Optional.ofNullable(inspectionPorts.get(Checks.id(id, "inspection port id")));
    }

    void removeInspectionPort(String id) throws ElementConflictException {
        if (inspectionPorts.containsKey(Checks.id(id, "inspection port id"))) {
            requireUnhooked(h -> h.inspectionPortId().equals(id), "inspection port " + id);
            remove(inspectionPorts, id);
            unhealthy.remove(id);
        }
    }

    void setInspectionPortHealthy(String id, boolean healthy) throws ElementNotFoundException {
        requireInspectionPort(id);
        changed |= healthy ? unhealthy.remove(id) : unhealthy.add(id);
    }

    boolean isInspectionPortHealthy(String id) throws ElementNotFoundException {
        requireInspectionPort(id);
        return !unhealthy.contains(id);
    }

    private void requireInspectionPort(String id) throws ElementNotFoundException {
        if (!inspectionPorts.containsKey(Checks.id(id, "inspection port id"))) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_PORT, id);
        }
    }

    InspectionHook installHook(InspectionHookSpec spec) throws SdnException {
        requireHookable(spec);
        String id = findHook(spec.inspected(), spec.inspectionPortId()).map(InspectionHook::id)
                .orElseGet(() -> newId("hook-"));
        return putHook(InspectionHook.of(id, spec));
    }

    InspectionHook updateHook(String id, InspectionHookSpec spec) throws SdnException {
        InspectionHook existing = hooks.get(Checks.id(id, "hook id"));
        if (existing == null) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_HOOK, id);
        }
        if (!existing.inspected().equals(Checks.notNull(spec, "spec").inspected())) {
            throw new IllegalArgumentException("hook " + id + " inspects " + existing.inspected()
                    + "; its inspected element cannot change to " + spec.inspected());
        }
        requireHookable(spec);
        Optional<InspectionHook> holder = findHook(spec.inspected(), spec.inspectionPortId());
        if (holder.isPresent() && !holder.get().id().equals(id)) {
            throw new ElementConflictException("hook " + holder.get().id() + " already redirects "
                    + spec.inspected() + " to " + spec.inspectionPortId());
        }
        return putHook(InspectionHook.of(id, spec));
    }

    Optional<InspectionHook> hook(String id) {
        return Optional.ofNullable(hooks.get(Checks.id(id, "hook id")));
    }

    Optional<InspectionHook> findHook(InspectedElement inspected, String inspectionPortId) {
        Checks.notNull(inspected, "inspected element");
        Checks.id(inspectionPortId, "inspection port id");
        return hooks.values().stream()
                .filter(h -> h.inspected().equals(inspected) && h.inspectionPortId().equals(inspectionPortId))
                .findFirst();
    }

    List<InspectionHook> hooksOf(InspectedElement inspected) {
        Checks.notNull(inspected, "inspected element");
        return hooks.values().stream().filter(h -> h.inspected().equals(inspected)).sorted(BY_ORDER).toList();
    }

    void removeHook(String id) {
        remove(hooks, Checks.id(id, "hook id"));
    }

    void removeHooksOf(InspectedElement inspected) {
        hooksOf(inspected).forEach(h -> remove(hooks, h.id()));
    }

    /**
     * Drift simulation: the element disappears from the controller with every hook that used it.
     *
     * @return the ids of the hooks removed with it (for a hook, the hook itself), or empty if there was no such
     *         element
     */
    Optional<List<String>> forceRemove(ElementKind kind, String id) {
        Checks.id(id, "id");
        Predicate<InspectionHook> users = switch (kind) {
            case PORT_GROUP -> h -> h.inspected().equals(InspectedElement.portGroup(id));
            case INSPECTION_PORT -> h -> h.inspectionPortId().equals(id);
            case INSPECTION_HOOK -> h -> h.id().equals(id);
            default -> throw new IllegalArgumentException("cannot force-remove a " + kind);
        };
        boolean found = switch (kind) {
            case PORT_GROUP -> portGroups.remove(id) != null;
            case INSPECTION_PORT -> inspectionPorts.remove(id) != null;
            default -> hooks.containsKey(id);
        };
        if (!found) {
            return Optional.empty();
        }
        List<String> removed = hooks.values().stream().filter(users).map(InspectionHook::id).toList();
        removed.forEach(hooks::remove);
        changed = true;
        return Optional.of(removed);
    }

    /**
     * Drift simulation: someone sets a port group's members on the controller, bypassing OSC.
     *
     * @return the group as it now is, or empty if there is no such group
     * @throws IllegalArgumentException if a port id is blank or not a port the controller knows
     */
    Optional<PortGroup> forceMembers(String id, Collection<String> portIds) {
        PortGroup existing = portGroups.get(Checks.id(id, "port group id"));
        if (existing == null) {
            return Optional.empty();
        }
        Set<NetworkElement> members = new HashSet<>();
        for (String portId : Checks.notNull(portIds, "port ids")) {
            members.add(ports.byPortId(Checks.id(portId, "port id"))
                    .orElseThrow(() -> new IllegalArgumentException("no port " + portId)));
        }
        return Optional.of(putGroup(new PortGroup(id, existing.name(), members)));
    }

    /**
     * A port went away: it leaves every group that had it, as a controller drops a deleted port's memberships.
     *
     * @return the ids of the groups it left
     */
    List<String> dropMember(String portId) {
        List<String> left = portGroups.values().stream()
                .filter(g -> g.members().stream().anyMatch(m -> m.id().equals(portId)))
                .map(PortGroup::id).toList();
        for (String groupId : left) {
            PortGroup group = portGroups.get(groupId);
            Set<NetworkElement> kept = new HashSet<>(group.members());
            kept.removeIf(m -> m.id().equals(portId));
            putGroup(new PortGroup(groupId, group.name(), kept));
        }
        return left;
    }

    List<PortGroup> portGroups() {
        return List.copyOf(portGroups.values());
    }

    List<InspectionPort> inspectionPorts() {
        return List.copyOf(inspectionPorts.values());
    }

    List<String> unhealthyInspectionPorts() {
        return List.copyOf(unhealthy);
    }

    List<InspectionHook> hooks() {
        return List.copyOf(hooks.values());
    }

    private void requireMembers(Set<NetworkElement> members) throws ElementNotFoundException {
        for (NetworkElement member : Checks.notNull(members, "members")) {
            ports.requireKnown(member);
        }
    }

    private void requireHookable(InspectionHookSpec spec) throws SdnException {
        Checks.notNull(spec, "spec");
        if (!ENCAPSULATIONS.contains(spec.encapsulation())) {
            throw new NotSupportedException(SdnPluginProperties.SUPPORTED_ENCAPSULATIONS,
                    "encapsulation " + spec.encapsulation() + " is not one of " + ENCAPSULATIONS);
        }
        InspectedElement inspected = spec.inspected();
        boolean exists = inspected.kind() == ElementKind.PORT_GROUP ? portGroups.containsKey(inspected.id())
                : ports.byPortId(inspected.id()).isPresent();
        if (!exists) {
            throw new ElementNotFoundException(inspected.kind(), inspected.id());
        }
        if (!inspectionPorts.containsKey(spec.inspectionPortId())) {
            throw new ElementNotFoundException(ElementKind.INSPECTION_PORT, spec.inspectionPortId());
        }
    }

    private void requireUnhooked(Predicate<InspectionHook> uses, String what)
            throws ElementConflictException {
        Optional<InspectionHook> user = hooks.values().stream().filter(uses).findFirst();
        if (user.isPresent()) {
            throw new ElementConflictException(what + " is still used by hook " + user.get().id());
        }
    }

    private PortGroup putGroup(PortGroup group) {
        changed |= !group.equals(portGroups.put(group.id(), group));
        return group;
    }

    private InspectionHook putHook(InspectionHook hook) {
        changed |= !hook.equals(hooks.put(hook.id(), hook));
        return hook;
    }

    private <V> void remove(Map<String, V> map, String id) {
        changed |= map.remove(id) != null;
    }

    private String newId(String prefix) {
        return prefix + nextId++;
    }
}
