package org.osc.server.sg;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osc.sdn.api.element.NetworkElement;
import org.osc.platform.api.Workload;
import org.osgi.service.component.annotations.Component;

/**
 * The SDN ports of the pods that security groups protect, resolved once per pod and kept until the pod leaves
 * every group, its IP addresses change, the SDN plugin says its port changed, the plugin comes or goes, or a
 * port group write refuses one of the group's ports. Without it every reconcile of a group asked the controller
 * for the port of each of its pods: a pod joining a group of a thousand cost a thousand calls.
 *
 * <p>Also knows which groups each pod is in, so that a plugin's "the port of pod X changed" reconciles exactly
 * those groups. Ports are kept per virtualization connector (by name, as plugins name connectors) and pod uid.
 * Pods without a port are tracked but not cached: each reconcile asks again until the controller has one.
 * Thread-safe (one monitor; every operation is a few map updates).
 */
@Component(service = PortCache.class)
public class PortCache {

    /** A pod on a connector. */
    record PodKey(String connector, String uid) {
    }

    private record Known(List<String> ipAddresses, NetworkElement port) {
    }

    private final Map<PodKey, Known> ports = new HashMap<>();
    /** Uids of the tracked pods by connector and "namespace/name", for plugins that name pods that way. */
    private final Map<PodKey, String> uidByName = new HashMap<>();
    /** The "namespace/name" key of each tracked pod, so that leaving costs no scan of {@link #uidByName}. */
    private final Map<PodKey, PodKey> nameOf = new HashMap<>();
    private final Map<PodKey, Set<Long>> groupsOf = new HashMap<>();
    private final Map<Long, Set<PodKey>> podsOf = new HashMap<>();

    /** @return the pod's port as last resolved, when its IP addresses are still the ones it had then */
    synchronized Optional<NetworkElement> port(String connector, Workload pod) {
        Known known = ports.get(new PodKey(connector, pod.uid()));
        return known != null && known.ipAddresses().equals(pod.ipAddresses()) ? Optional.of(known.port())
                : Optional.empty();
    }

    /** Keeps the port the controller gave for the pod (only for pods a group holds, see {@link #track}). */
    synchronized void put(String connector, Workload pod, NetworkElement port) {
        ports.put(new PodKey(connector, pod.uid()), new Known(List.copyOf(pod.ipAddresses()), port));
    }

    /**
     * Records the pods a group holds now; ports of pods that no group holds any more are dropped.
     *
     * @param pods the group's pods, with or without a port
     */
    synchronized void track(long groupId, String connector, Collection<Workload> pods) {
        Set<PodKey> now = new HashSet<>();
        for (Workload pod : pods) {
            PodKey byUid = new PodKey(connector, pod.uid());
            PodKey byName = new PodKey(connector, pod.namespace() + "/" + pod.name());
            now.add(byUid);
            uidByName.put(byName, pod.uid());
            nameOf.put(byUid, byName);
        }
        Set<PodKey> before = podsOf.getOrDefault(groupId, Set.of());
        for (PodKey pod : before) {
            if (!now.contains(pod)) {
                leave(pod, groupId);
            }
        }
        for (PodKey pod : now) {
            if (!before.contains(pod)) {
                groupsOf.computeIfAbsent(pod, k -> new HashSet<>()).add(groupId);
            }
        }
        if (now.isEmpty()) {
            podsOf.remove(groupId);
        } else {
            podsOf.put(groupId, now);
        }
    }

    /** The group is gone (or its state unknown): it holds no pod any more. */
    synchronized void untrack(long groupId) {
        for (PodKey pod : podsOf.getOrDefault(groupId, Set.of())) {
            leave(pod, groupId);
        }
        podsOf.remove(groupId);
    }

    /** Forgets the ports of the group's pods, so that its next reconcile resolves them again. */
    synchronized void forgetPorts(long groupId) {
        podsOf.getOrDefault(groupId, Set.of()).forEach(ports::remove);
    }

    /**
     * The pod's port changed on the controller: forgets it.
     *
     * @param uid the pod's uid; blank when the plugin knows the pod only by namespace and name
     * @return the groups that hold the pod, to reconcile
     */
    public synchronized Set<Long> portChanged(String connector, String namespace, String name, String uid) {
        String known = uid == null || uid.isBlank() ? uidByName.get(new PodKey(connector, namespace + "/" + name))
                : uid;
        if (known == null) {
            return Set.of();
        }
        PodKey pod = new PodKey(connector, known);
        ports.remove(pod);
        return Set.copyOf(groupsOf.getOrDefault(pod, Set.of()));
    }

    /** Forgets every port (an SDN plugin came or went: what it said before may not hold). */
    public synchronized void clear() {
        ports.clear();
    }

    /** @return how many ports are kept */
    public synchronized int size() {
        return ports.size();
    }

    private void leave(PodKey pod, long groupId) {
        Set<Long> groups = groupsOf.get(pod);
        if (groups != null && groups.remove(groupId) && groups.isEmpty()) {
            groupsOf.remove(pod);
            ports.remove(pod);
            PodKey byName = nameOf.remove(pod);
            if (byName != null) {
                uidByName.remove(byName, pod.uid());
            }
        }
    }
}
