package org.osc.bench.ovn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.ovsdb.Condition;
import org.osc.ovsdb.Mutation;
import org.osc.ovsdb.NamedUuid;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbException;
import org.osc.ovsdb.OvsdbRemote;
import org.osc.ovsdb.OvsdbValues;
import org.osc.ovsdb.Uuid;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark playing the CNI (OVN-Kubernetes' part) on a northbound database: a cluster router
 * ({@value #ROUTER}) and, for each node, a logical switch joined to it by a router port, as OVN-Kubernetes lays them
 * out; and for each pod that runs with an IP, its logical switch port {@code <namespace>_<pod>} with
 * {@code addresses "MAC IP"} (the MAC derived from the IP as OVN-Kubernetes derives it) and the pod's uid in
 * {@code options:iface-id-ver}. A deleted pod's port goes away.
 *
 * <p>The simulated cluster has no nodes and hands out pod IPs from one CIDR, so a pod's node is the {@code /24} its
 * IP is in: node {@code N} is switch {@code nodeN} with subnet {@code A.B.N.0/24} and router port
 * {@code rtos-nodeN} ({@code A.B.N.1/24}). GAP: the simulated kubelet may hand a pod the address of its node's
 * router port ({@code .1}); nothing on the control path checks that.
 *
 * <p>Pod changes are queued and written by one thread, as many as are waiting in one transaction: thousands at once
 * while the workload is created, usually one while changes are sampled.
 */
public final class OvnCni implements AutoCloseable {

    /** The cluster router's name, OVN-Kubernetes' and the OVN plugin's default. */
    public static final String ROUTER = "ovn_cluster_router";
    private static final String DB = "OVN_Northbound";
    private static final int BATCH = 1000;

    private record Change(String namespace, String name, String uid, String ip) {
        String key() {
            return namespace + "/" + name;
        }
    }

    private record Plugged(Uuid uuid, String ip, String node) {
    }

    private final OvsdbClient client;
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final Map<String, Plugged> plugged = new ConcurrentHashMap<>();
    private final Map<String, String> queuedIp = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> waits = new ConcurrentHashMap<>();
    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread writer;
    private volatile String lastFailure;
    private volatile boolean closed;

    private OvnCni(OvsdbClient client) {
        this.client = client;
        this.writer = new Thread(this::writeLoop, "bench-cni");
        writer.setDaemon(true);
    }

    /**
     * Connects and creates the cluster router.
     *
     * @param remote the northbound database
     * @return the CNI, writing
     */
    public static OvnCni start(OvsdbRemote remote) throws InterruptedException {
        OvsdbClient client = OvsdbClient.builder(remote).connect();
        if (!client.awaitConnected(Duration.ofSeconds(10))) {
            client.close();
            throw new IllegalStateException("cannot reach the northbound database " + remote);
        }
        client.transact(DB, List.of(Operation.insert("Logical_Router", Map.of("name", ROUTER,
                "external_ids", Map.of("k8s-cluster-router", "yes")), null)));
        OvnCni cni = new OvnCni(client);
        cni.writer.start();
        return cni;
    }

    /** A pod runs with an IP: its port is written (or its address changed) unless it is so already. */
    public void podRunning(String namespace, String name, String uid, String ip) {
        String key = namespace + "/" + name;
        Plugged known = plugged.get(key);
        if ((known != null && known.ip().equals(ip)) || ip.equals(queuedIp.get(key))) {
            return;
        }
        queuedIp.put(key, ip);
        queue.add(new Change(namespace, name, uid == null ? "" : uid, ip));
    }

    /** A pod is gone: its port goes too. */
    public void podDeleted(String namespace, String name) {
        queuedIp.remove(namespace + "/" + name);
        queue.add(new Change(namespace, name, null, null));
    }

    /**
     * @return completed with {@link System#nanoTime()} when the pod's port has been written (the transaction
     *         returned); register before the pod is created
     */
    public CompletableFuture<Long> expectPlugged(String namespace, String name) {
        return waits.computeIfAbsent(namespace + "/" + name, k -> new CompletableFuture<>());
    }

    /** @return how many pods whose key ({@code namespace/name}) starts with the prefix have a port */
    public long plugged(String prefix) {
        return plugged.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /** @return transactions written so far */
    public long transactions() {
        return transactions.get();
    }

    /** @return transactions that failed (each retried), and the last reason */
    public String failures() {
        return failures.get() == 0 ? "none" : failures.get() + ", last: " + lastFailure;
    }

    /** @return the switch of a node, named as OVN-Kubernetes names it: after the node */
    static String node(String ip) {
        return "node" + ip.split("\\.")[2];
    }

    /** @return the MAC OVN-Kubernetes derives from an IPv4 address: {@code 0a:58} and the address's four bytes */
    static String mac(String ip) {
        StringBuilder mac = new StringBuilder("0a:58");
        for (String octet : ip.split("\\.")) {
            mac.append(String.format(":%02x", Integer.parseInt(octet)));
        }
        return mac.toString();
    }

    private void writeLoop() {
        List<Change> batch = new ArrayList<>();
        while (!closed) {
            try {
                Change first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (OvsdbException | IllegalStateException e) {
                failures.incrementAndGet();
                lastFailure = e.getMessage();
                queue.addAll(batch); // written again with what came since: every change is idempotent here
                batch.clear();
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the last change of each pod in the batch as one transaction. */
    private void write(List<Change> batch) {
        Map<String, Change> last = new LinkedHashMap<>();
        batch.forEach(c -> last.put(c.key(), c));
        List<Operation> ops = new ArrayList<>();
        Map<String, List<NamedUuid>> newPorts = new LinkedHashMap<>();
        Map<String, List<Uuid>> gonePorts = new LinkedHashMap<>();
        Map<Integer, Change> inserted = new LinkedHashMap<>();
        for (Change c : last.values()) {
            Plugged known = plugged.get(c.key());
            if (c.ip() == null) {
                if (known != null) {
                    gonePorts.computeIfAbsent(known.node(), n -> new ArrayList<>()).add(known.uuid());
                }
                continue;
            }
            if (known != null && known.ip().equals(c.ip())) {
                continue;
            }
            if (known != null) {
                // The same pod with another address: a port on its new node, the old one gone.
                gonePorts.computeIfAbsent(known.node(), n -> new ArrayList<>()).add(known.uuid());
            }
            NamedUuid named = new NamedUuid("lsp" + ops.size());
            inserted.put(ops.size(), c);
            ops.add(Operation.insert("Logical_Switch_Port", Map.of("name", c.namespace() + "_" + c.name(),
                    "addresses", Set.of(mac(c.ip()) + " " + c.ip()), "external_ids", Map.of("namespace",
                            c.namespace(), "pod", "true"), "options", Map.of("iface-id-ver", c.uid())),
                    named.name()));
            newPorts.computeIfAbsent(node(c.ip()), n -> new ArrayList<>()).add(named);
        }
        for (Map.Entry<String, List<Uuid>> gone : gonePorts.entrySet()) {
            // A logical switch port is not a root row: out of its switch's ports, the database deletes it.
            ops.add(Operation.mutate("Logical_Switch", List.of(Condition.eq("name", gone.getKey())),
                    List.of(Mutation.delete("ports", Set.copyOf(gone.getValue())))));
        }
        Set<String> created = new HashSet<>();
        for (Map.Entry<String, List<NamedUuid>> add : newPorts.entrySet()) {
            String node = add.getKey();
            if (nodes.contains(node)) {
                ops.add(Operation.mutate("Logical_Switch", List.of(Condition.eq("name", node)),
                        List.of(Mutation.insert("ports", Set.copyOf(add.getValue())))));
            } else {
                ops.addAll(newNode(node, anyIp(last, node), add.getValue()));
                created.add(node);
            }
        }
        if (ops.isEmpty()) {
            return;
        }
        List<JsonNode> results = client.transact(DB, ops);
        long now = System.nanoTime();
        transactions.incrementAndGet();
        nodes.addAll(created);
        for (Change c : last.values()) {
            if (c.ip() == null) {
                plugged.remove(c.key());
            }
        }
        for (Map.Entry<Integer, Change> e : inserted.entrySet()) {
            Change c = e.getValue();
            Uuid uuid = (Uuid) OvsdbValues.decode(results.get(e.getKey()).get("uuid"));
            plugged.put(c.key(), new Plugged(uuid, c.ip(), node(c.ip())));
            queuedIp.remove(c.key(), c.ip());
            waits.computeIfAbsent(c.key(), k -> new CompletableFuture<>()).complete(now);
        }
    }

    private static String anyIp(Map<String, Change> changes, String node) {
        return changes.values().stream().filter(c -> c.ip() != null && node(c.ip()).equals(node)).findFirst()
                .orElseThrow().ip();
    }

    /** A node's switch with its ports, the router port joining it to the cluster router and the switch's peer. */
    private static List<Operation> newNode(String node, String podIp, List<NamedUuid> ports) {
        String[] o = podIp.split("\\.");
        String gateway = o[0] + "." + o[1] + "." + o[2] + ".1";
        NamedUuid rtos = new NamedUuid("rtos_" + node);
        NamedUuid stor = new NamedUuid("stor_" + node);
        List<Object> switchPorts = new ArrayList<>(ports);
        switchPorts.add(stor);
        return List.of(
                Operation.insert("Logical_Router_Port", Map.of("name", "rtos-" + node, "mac", mac(gateway),
                        "networks", Set.of(gateway + "/24")), rtos.name()),
                Operation.mutate("Logical_Router", List.of(Condition.eq("name", ROUTER)),
                        List.of(Mutation.insert("ports", rtos))),
                Operation.insert("Logical_Switch_Port", Map.of("name", "stor-" + node, "type", "router",
                        "addresses", Set.of("router"), "options", Map.of("router-port", "rtos-" + node)),
                        stor.name()),
                Operation.insert("Logical_Switch", Map.of("name", node, "ports", Set.copyOf(switchPorts),
                        "other_config", Map.of("subnet", o[0] + "." + o[1] + "." + o[2] + ".0/24")), null));
    }

    /** Stops writing (what is still queued is dropped) and disconnects. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join(5000);
        client.close();
    }
}
