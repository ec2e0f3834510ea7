package org.osc.sample.sdn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * The workload ports the sample controller knows. A real SDN controller learns ports when pods attach to its
 * network; the sample learns them from what it is told over REST or, failing that, derives them from the pod
 * identity OSC passes in a lookup, so that it works with clusters it is not wired into.
 */
final class PortTable {

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]+");

    private final Map<String, WorkloadPort> byPod = new TreeMap<>();

    /** Restores saved ports. */
    void load(Collection<WorkloadPort> ports) {
        ports.forEach(p -> byPod.put(p.key(), p));
    }

    /** The port filed for a pod, if any. */
    Optional<WorkloadPort> find(String namespace, String name) {
        return Optional.ofNullable(byPod.get(WorkloadPort.key(namespace, name)));
    }

    /** Forgets a pod's port, as when the pod detaches from the network; empty if there was none. */
    Optional<WorkloadPort> remove(String namespace, String name) {
        Checks.id(namespace, "namespace");
        Checks.id(name, "name");
        return Optional.ofNullable(byPod.remove(WorkloadPort.key(namespace, name)));
    }

    /** Every known port, ordered by pod. */
    List<WorkloadPort> all() {
        return List.copyOf(byPod.values());
    }

    /** The port with this id, whichever pod it belongs to. */
    Optional<NetworkElement> byPortId(String portId) {
        return byPod.values().stream().map(WorkloadPort::port).filter(p -> p.id().equals(portId)).findFirst();
    }

    /** Throws a typed not-found unless the controller has a port with this element's id. */
    void requireKnown(NetworkElement element) throws ElementNotFoundException {
        Checks.notNull(element, "port");
        if (byPortId(element.id()).isEmpty()) {
            throw new ElementNotFoundException(ElementKind.PORT, element.id());
        }
    }

    /**
     * Finds or learns a pod's port. Told ports win. A learned port follows the pod: a new uid (the pod was
     * recreated under the same name) or new IPs replace it.
     *
     * @return the port, and whether the table changed
     */
    Lookup lookup(WorkloadIdentity pod) throws ElementNotFoundException {
        WorkloadPort known = byPod.get(WorkloadPort.key(pod.namespace(), pod.name()));
        if (known != null && (known.source() == WorkloadPort.Source.TOLD || matches(known, pod))) {
            return new Lookup(known.port(), false);
        }
        if (pod.uid().isBlank() || pod.ipAddresses().isEmpty()) {
            throw new ElementNotFoundException(ElementKind.WORKLOAD, pod.qualifiedName(), "no port for pod "
                    + pod.qualifiedName() + (pod.uid().isBlank() ? ": no uid" : ": it has no IP address yet"));
        }
        NetworkElement port = new NetworkElement("port-" + pod.uid(), List.of(derivedMac(pod.uid())),
                pod.ipAddresses(), pod.namespace());
        byPod.put(WorkloadPort.key(pod.namespace(), pod.name()),
                new WorkloadPort(pod.namespace(), pod.name(), pod.uid(), WorkloadPort.Source.LEARNED, port));
        return new Lookup(port, true);
    }

    /** A learned port still fits the pod if the uid is the same and the cluster reports no other IPs. */
    private static boolean matches(WorkloadPort known, WorkloadIdentity pod) {
        boolean sameUid = pod.uid().isBlank() || pod.uid().equals(known.uid());
        boolean sameIps = pod.ipAddresses().isEmpty() || pod.ipAddresses().equals(known.port().ipAddresses());
        return sameUid && sameIps;
    }

    /**
     * Sets a pod's port as told over REST. Missing id and MAC are derived from the pod's name so that
     * telling the same thing twice yields the same port.
     */
    WorkloadPort tell(String namespace, String name, String portId, String macAddress, List<String> ips) {
        Checks.id(namespace, "namespace");
        Checks.id(name, "name");
        List<String> addresses = ips == null ? List.of() : List.copyOf(ips);
        for (String ip : addresses) {
            if (ip == null || !IP.matcher(ip).matches()) {
                throw new IllegalArgumentException("not an IP address: " + ip);
            }
        }
        String seed = WorkloadPort.key(namespace, name);
        String id = portId == null || portId.isBlank() ? "port-" + namespace + "-" + name : portId;
        String mac = macAddress == null || macAddress.isBlank() ? derivedMac(seed)
                : macAddress.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("not a MAC address (xx:xx:xx:xx:xx:xx): " + macAddress);
        }
        byPod.values().stream()
                .filter(p -> p.port().id().equals(id) && !p.key().equals(seed)).findFirst()
                .ifPresent(p -> {
                    throw new IllegalArgumentException("port id " + id + " already belongs to " + p.key());
                });
        WorkloadPort port = new WorkloadPort(namespace, name, "", WorkloadPort.Source.TOLD,
                new NetworkElement(id, List.of(mac), addresses, namespace));
        byPod.put(seed, port);
        return port;
    }

    /**
     * A stable unicast, locally administered MAC from a hash of the seed, so a pod keeps its MAC across
     * restarts of OSC and of the sample without anything being stored.
     */
    static String derivedMac(String seed) {
        byte[] hash = sha256(seed);
        byte[] mac = new byte[6];
        System.arraycopy(hash, 0, mac, 0, 6);
        mac[0] = (byte) ((mac[0] & 0xFC) | 0x02);
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The answer to a lookup. */
    record Lookup(NetworkElement port, boolean changed) {
    }
}
