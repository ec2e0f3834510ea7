package org.osc.server.sg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.platform.api.Workload;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.job.TaskContext;
import org.osc.server.metrics.MembershipLatency;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.SdnFailures;
import org.osc.server.reconcile.NotReadyException;
import org.osc.server.reconcile.TerminalException;
import org.osc.server.sg.ProtectedPodStore.ProtectedPod;

/**
 * The first step of a security group's reconcile: asks the platform which pods the group matches now, finds
 * their ports (in the {@link PortCache}, else from the SDN controller), and makes the group's port group hold
 * exactly those ports; records the pods and the port group id. For a group being deleted, removes the port
 * group (and any hook on it).
 */
final class PortGroupSync {

    private final Database database;
    private final PluginAccess plugins;
    private final PlatformRegistry platforms;
    private final PortCache ports;
    /** The pods last committed per group id (see {@link #record}). */
    private final Map<Long, List<ProtectedPod>> recorded = new ConcurrentHashMap<>();

    PortGroupSync(Database database, PluginAccess plugins, PlatformRegistry platforms, PortCache ports) {
        this.database = database;
        this.plugins = plugins;
        this.platforms = platforms;
        this.ports = ports;
    }

    /** @return the name OSC registers a group's port group under: stable, so registering again finds it */
    static String portGroupName(long groupId) {
        return "osc-sg-" + groupId;
    }

    /**
     * Runs the step for the group as read when the task runs (not when it was planned).
     *
     * @return the group's port group id now, null once it is removed
     */
    String run(GroupSnapshot group, TaskContext context) throws Exception {
        long groupId = group.id();
        String controller = group.vc().controllerType();
        SdnControllerApi sdn = plugins.sdn(group.label(), controller);
        if (!group.deleting() && !plugins.can(controller, PluginAccess.PORT_GROUP)) {
            throw new TerminalException(group.label() + ": SDN plugin '" + controller
                    + "' does not support port groups");
        }
        String connector = group.vc().element().name();
        Long event = MembershipLatency.pending(groupId); // the pod event this run applies, if one waits
        try (RedirectionSession session = sdn.openSession(group.vc().element())) {
            if (group.deleting()) {
                remove(group, session, context);
                MembershipLatency.forget(groupId);
                return null;
            }
            List<ProtectedPod> pods = new ArrayList<>();
            Set<NetworkElement> members = new HashSet<>();
            Collection<Workload> matching = workloads(group);
            for (Workload pod : matching) {
                NetworkElement port = port(session, connector, pod);
                if (port != null) {
                    members.add(port);
                }
                pods.add(protectedPod(pod, port));
            }
            ports.track(groupId, connector, matching);
            PortGroup portGroup;
            try {
                portGroup = ensure(group, session, members, lastWritten(groupId), context);
            } catch (ElementNotFoundException e) {
                // A port the controller no longer knows: resolve the group's ports again on the retry.
                ports.forgetPorts(groupId);
                throw e;
            }
            MembershipLatency.programmed(groupId, event);
            record(groupId, portGroup.id(), pods);
            context.status(pods.size() + " pod(s) match, " + members.size() + " with a port, in port group "
                    + portGroup.id());
            return portGroup.id();
        } catch (SdnException e) {
            throw SdnFailures.of(group.label(), controller, sdn, group.vc().element(), e);
        }
    }

    private Collection<Workload> workloads(GroupSnapshot group) throws PlatformException {
        if (!group.protectAll() && group.selectors().isEmpty()) {
            return List.of();
        }
        VirtualizationPlatform platform = platforms.platform(group.vc().type()).orElseThrow(
                () -> new NotReadyException(group.label() + ": no virtualization platform for "
                        + group.vc().type() + " is running"));
        List<Workload> found;
        try {
            found = group.protectAll() ? platform.allWorkloads(group.vc().info(), group.namespaces())
                    : platform.workloads(group.vc().info(), group.selectors(), group.namespaces());
        } catch (PlatformException e) {
            throw new PlatformException(group.label() + ": " + e.getMessage(), e);
        }
        // By uid: a pod matching several members is one member; VNF pods never inspect themselves.
        Map<String, Workload> byUid = new LinkedHashMap<>();
        for (Workload pod : found) {
            if (!group.vnfPodUids().contains(pod.uid())) {
                byUid.putIfAbsent(pod.uid(), pod);
            }
        }
        return byUid.values();
    }

    /** @return the pod's port, from the cache or else from the controller; null while it has none */
    private NetworkElement port(RedirectionSession session, String connector, Workload pod) throws SdnException {
        Optional<NetworkElement> known = ports.port(connector, pod);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            NetworkElement port = session.getWorkloadPort(new WorkloadIdentity(pod.namespace(), pod.name(),
                    pod.uid(), pod.ipAddresses()));
            ports.put(connector, pod, port);
            return port;
        } catch (ElementNotFoundException e) {
            // Not attached yet (e.g. no IP): listed without a port, and joins on a later reconcile.
            return null;
        }
    }

    private static ProtectedPod protectedPod(Workload pod, NetworkElement port) {
        if (port == null) {
            return new ProtectedPod(pod.uid(), pod.namespace(), pod.name(), null, null, pod.ipAddresses());
        }
        String mac = port.macAddresses().isEmpty() ? null : port.macAddresses().get(0);
        List<String> ips = port.ipAddresses().isEmpty() ? pod.ipAddresses() : port.ipAddresses();
        return new ProtectedPod(pod.uid(), pod.namespace(), pod.name(), port.id(), mac, ips);
    }

    /**
     * Makes the port group hold exactly the ports. When they differ from what this step last wrote, it writes
     * without reading first (the write is needed either way); otherwise it reads the group to catch a change
     * made behind OSC's back.
     *
     * @param lastWritten the port ids this step last wrote to the group, or null when it does not know
     */
    private static PortGroup ensure(GroupSnapshot group, RedirectionSession session, Set<NetworkElement> ports,
            Set<String> lastWritten, TaskContext context) throws SdnException {
        if (group.portGroupId() != null && lastWritten != null && !lastWritten.equals(ids(ports))) {
            try {
                context.status("updating the members of port group " + group.portGroupId());
                return session.updatePortGroup(group.portGroupId(), ports);
            } catch (ElementNotFoundException e) {
                if (e.kind() != ElementKind.PORT_GROUP) {
                    throw e;
                }
                context.status("registering port group " + portGroupName(group.id()) + " again: it was deleted");
                return session.registerPortGroup(portGroupName(group.id()), ports);
            }
        }
        Optional<PortGroup> current = group.portGroupId() == null ? Optional.empty()
                : session.getPortGroup(group.portGroupId());
        if (current.isEmpty()) {
            // First time, or deleted behind OSC's back: registering by name converges either way.
            context.status("registering port group " + portGroupName(group.id()));
            return session.registerPortGroup(portGroupName(group.id()), ports);
        }
        if (current.get().members().equals(ports)) {
            return current.get();
        }
        context.status("updating the members of port group " + current.get().id());
        return session.updatePortGroup(current.get().id(), ports);
    }

    private void remove(GroupSnapshot group, RedirectionSession session, TaskContext context) throws SdnException {
        if (group.portGroupId() != null) {
            // Hooks first: a controller refuses to delete a port group still inspected.
            session.removeAllInspectionHooks(InspectedElement.portGroup(group.portGroupId()));
            session.deletePortGroup(group.portGroupId());
            context.status("deleted port group " + group.portGroupId());
        }
        record(group.id(), null, List.of());
        ports.untrack(group.id());
    }

    /** @return the port ids of the pods last committed for the group, or null when they are not known */
    private Set<String> lastWritten(long groupId) {
        List<ProtectedPod> known = recorded.get(groupId);
        if (known == null) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        known.forEach(pod -> {
            if (pod.portId() != null) {
                ids.add(pod.portId());
            }
        });
        return ids;
    }

    private static Set<String> ids(Set<NetworkElement> ports) {
        Set<String> ids = new HashSet<>();
        ports.forEach(port -> ids.add(port.id()));
        return ids;
    }

    /**
     * Stores the port group id and the pods. The pods last committed for each group are kept here, so that the
     * diff needs no read of the group's rows (a thousand for a large group, on every reconcile); this step is
     * their only writer, and a group's reconciles never run at once. What is not known for sure (a failed
     * transaction, a group gone or being removed) is not kept, and is read again next time.
     */
    private void record(long groupId, String portGroupId, List<ProtectedPod> pods) {
        List<ProtectedPod> known = recorded.remove(groupId);
        boolean stored = database.inTransaction(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, groupId);
            if (sg == null) {
                return false;
            }
            if (!Objects.equals(sg.getPortGroupId(), portGroupId)) {
                sg.setPortGroupId(portGroupId);
            }
            ProtectedPodStore.replace(s, groupId, pods, known);
            return true;
        });
        if (stored && portGroupId != null) {
            recorded.put(groupId, List.copyOf(pods));
        }
    }
}
