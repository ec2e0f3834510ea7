package org.osc.simcluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Network mode on a real OVN lab (root, Debian's OVN packages; skipped without them unless {@code OSC_REQUIRE_OVN}
 * is set), driven through the simulator's API with the real fabric8 client: pods on two nodes get their lab
 * addresses and ports and can ping each other; a pod of a Deployment labelled as OSC's VNF lands on the VNF node,
 * forwards what a reroute policy sends it and captures it; its readiness follows {@code ovn-lab forwarder}; deleted
 * pods leave nothing in the lab, and stopping the simulator unplugs the rest.
 */
class NetworkModeIT {

    private static final String APPS = "shop";
    private static final String SEC = "sec";
    private static final Duration READY_WITHIN = Duration.ofSeconds(3);
    private static final String PING = String.join("\n",
            "import os, select, socket, struct, sys, time",
            "def checksum(data):",
            "    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))",
            "    s = (s >> 16) + (s & 0xffff)",
            "    return ~(s + (s >> 16)) & 0xffff",
            "dst, count = sys.argv[1], int(sys.argv[2])",
            "sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
            "ident, replies, payload = os.getpid() & 0xffff, 0, b'simnet!!' * 7",
            "for seq in range(1, count + 1):",
            "    header = struct.pack('!BBHHH', 8, 0, 0, ident, seq)",
            "    sock.sendto(struct.pack('!BBHHH', 8, 0, checksum(header + payload), ident, seq) + payload, (dst, 0))",
            "    deadline = time.time() + 1",
            "    while time.time() < deadline and select.select([sock], [], [], deadline - time.time())[0]:",
            "        data, addr = sock.recvfrom(2048)",
            "        ihl = (data[0] & 0xf) * 4",
            "        kind, _, _, rid, rseq = struct.unpack('!BBHHH', data[ihl:ihl + 8])",
            "        if addr[0] == dst and kind == 0 and rid == ident and rseq == seq:",
            "            replies += 1",
            "            break",
            "print(replies)",
            "");

    @TempDir
    static Path work;
    static OvnLabScript lab;
    static SimCluster cluster;
    static KubernetesClient client;
    static Path ping;

    @BeforeAll
    static void start() throws Exception {
        Path labDir = Files.createDirectories(work.resolve("lab"));
        lab = OvnLabFixture.start(labDir, 2);
        ping = Files.writeString(work.resolve("ping.py"), PING);
        // three nodes on a lab of two node switches: the simulator adds the third
        cluster = SimCluster.start(work.resolve("sim"), SimClusterOptions.defaults().withNetworkLab(labDir)
                .withNodes(3).withVnfNodes("node3"));
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfigPath()))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
            // what the kubelet did, with its timings, for whoever reads the test's output
            Files.readAllLines(cluster.logPath()).stream().filter(l -> l.contains(" INFO ") || l.contains(" WARN "))
                    .forEach(l -> System.out.println("NETMODE log: " + l));
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Timeout(60)
    void podsAreNamespacesOnTheLabAndVnfPodsForwardCaptureAndReportReadiness() throws Exception {
        long began = System.nanoTime();
        client.pods().inNamespace(APPS).resource(pod("client", "node1")).create();
        client.pods().inNamespace(APPS).resource(pod("server", "node2")).create();
        client.pods().inNamespace(APPS).resource(pod("web", null)).create();
        client.apps().deployments().inNamespace(SEC).resource(vnfDeployment()).create();

        Pod clientPod = running(APPS, "client");
        Pod serverPod = running(APPS, "server");
        Pod web = running(APPS, "web");
        Pod vnf = readyVnf();
        System.out.printf("NETMODE four pods plugged and Running in %d ms%n", millisSince(began));

        // each pod has an address of its node's subnet, really configured in its namespace, and its port in OVN
        assertPlugged(clientPod, "node1", "10.244.1.");
        assertPlugged(serverPod, "node2", "10.244.2.");
        assertPlugged(vnf, "node3", "10.244.3.");
        assertNotEquals("node3", web.getSpec().getNodeName(), "node3 is reserved for VNF pods");
        assertEquals(3, client.nodes().list().getItems().size());
        assertEquals(3, lab.nbctl("--bare", "--columns=name", "find", "Logical_Switch",
                "external_ids:ovn-lab=node").lines().filter(l -> !l.isBlank()).count(),
                "the third node switch was added to the lab");

        String a = clientPod.getStatus().getPodIP();
        String b = serverPod.getStatus().getPodIP();
        String v = vnf.getStatus().getPodIP();
        assertEquals("3", ping(APPS, "client", b, 3), "client pings server through OVN");

        // steer client <-> server through the VNF, as test-lab does, and count what its capture saw
        lab.nbctl("--wait=hv",
                "lr-policy-add", "ovn_cluster_router", "1000",
                "inport == \"rtos-node1\" && ip4.src == " + a + " && ip4.dst == " + b, "reroute", v, "--",
                "lr-policy-add", "ovn_cluster_router", "1000",
                "inport == \"rtos-node2\" && ip4.src == " + b + " && ip4.dst == " + a, "reroute", v);
        assertEquals("3", ping(APPS, "client", b, 3), "client pings server through the VNF");
        String vnfName = vnf.getMetadata().getName();
        String vnfMac = mac(vnf);
        Path capture = cluster.captureFile(SEC, vnfName);
        Await.until("the VNF's capture to show 3 requests and 3 replies, each received and forwarded",
                Duration.ofSeconds(5), () -> captured(capture, vnfMac, a + " > " + b + ": ICMP echo request") >= 3
                        && captured(capture, vnfMac, b + " > " + a + ": ICMP echo reply") >= 3,
                () -> read(capture));
        HttpResponse<String> served = get("simcluster/captures/" + SEC + "/" + vnfName);
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains(a + " > " + b + ": ICMP echo request"), "the capture over HTTP");
        assertEquals(400, get("simcluster/captures/" + SEC + "/..%2Fx").statusCode());
        assertEquals(404, get("simcluster/captures/" + APPS + "/client").statusCode(), "ordinary pods: no capture");
        lab.nbctl("--wait=hv", "lr-policy-del", "ovn_cluster_router", "1000");

        // readiness follows the VNF's forwarding, with a watch event each time
        List<Boolean> readyEvents = new CopyOnWriteArrayList<>();
        try (Watch watch = client.pods().inNamespace(SEC).withName(vnfName).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                readyEvents.add(ready(pod));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            long off = System.nanoTime();
            lab.forwarder(SEC, vnfName, false);
            Await.until("a watch event saying the VNF is not Ready", READY_WITHIN,
                    () -> readyEvents.contains(false), readyEvents::toString);
            System.out.printf("NETMODE forwarder off -> Ready=False watch event in %d ms%n", millisSince(off));
            assertFalse(ready(client.pods().inNamespace(SEC).withName(vnfName).get()));
            long on = System.nanoTime();
            lab.forwarder(SEC, vnfName, true);
            Await.until("a watch event saying the VNF is Ready again", READY_WITHIN,
                    () -> readyEvents.lastIndexOf(true) > readyEvents.indexOf(false), readyEvents::toString);
            System.out.printf("NETMODE forwarder on -> Ready=True watch event in %d ms%n", millisSince(on));

            // the VNF's process ends: not Ready, restarted as a kubelet restarts a container, Ready again
            readyEvents.clear();
            String netns = labPodField(SEC, vnfName, "netns").orElseThrow();
            long killed = System.nanoTime();
            for (long pid : netnsPids(netns)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
            Await.until("Ready false, then true after the restart", Duration.ofSeconds(5),
                    () -> readyEvents.contains(false) && readyEvents.lastIndexOf(true) > readyEvents.indexOf(false),
                    readyEvents::toString);
            System.out.printf("NETMODE VNF process killed -> not Ready, restarted, Ready in %d ms%n",
                    millisSince(killed));
            assertEquals(1, client.pods().inNamespace(SEC).withName(vnfName).get().getStatus()
                    .getContainerStatuses().get(0).getRestartCount());
        }

        // a deleted pod leaves nothing in the lab; a deleted VNF pod's tcpdump ends with it
        String serverNetns = labPodField(APPS, "server", "netns").orElseThrow();
        String vnfNetns = labPodField(SEC, vnfName, "netns").orElseThrow();
        List<Long> vnfProcesses = netnsPids(vnfNetns);
        assertFalse(vnfProcesses.isEmpty(), "tcpdump runs in the VNF's namespace");
        long deleted = System.nanoTime();
        client.pods().inNamespace(APPS).withName("server").delete();
        client.pods().inNamespace(SEC).withName(vnfName).delete();
        Await.until("the deleted pods' ports and namespaces to be gone", Duration.ofSeconds(15),
                () -> unplugged(APPS + "_server", serverNetns) && unplugged(SEC + "_" + vnfName, vnfNetns),
                () -> "lab pods " + labPods());
        System.out.printf("NETMODE two deleted pods unplugged in %d ms%n", millisSince(deleted));
        assertTrue(vnfProcesses.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)), "the VNF's tcpdump has stopped");
        Pod replacement = readyVnf();
        assertNotEquals(vnfName, replacement.getMetadata().getName());
        assertEquals("node3", replacement.getSpec().getNodeName());

        // a restart unplugs every pod and plugs it again where it was: same addresses, traffic flows again
        String webIp = web.getStatus().getPodIP();
        long restarted = System.nanoTime();
        cluster.restart();
        Await.until("client, web and the VNF plugged again", Duration.ofSeconds(30),
                () -> portUp(APPS + "_client") && portUp(APPS + "_web")
                        && portUp(SEC + "_" + replacement.getMetadata().getName()), () -> "lab pods " + labPods());
        System.out.printf("NETMODE restart: three pods plugged again %d ms after the restart began%n",
                millisSince(restarted));
        assertEquals("2", ping(APPS, "client", webIp, 2), "client pings web after the restart");
        assertEquals(webIp, running(APPS, "web").getStatus().getPodIP());
        assertEquals(replacement.getMetadata().getName(), readyVnf().getMetadata().getName());

        // stopping the simulator unplugs every pod it plugged; the lab itself keeps running
        cluster.close();
        assertEquals(List.of(), labPods(), "no pod left plugged after the simulator stopped");
        lab.run("status", lab.dir().toString());
        System.out.printf("NETMODE whole test %d ms%n", millisSince(began));
    }

    private static Pod pod(String name, String node) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(APPS)
                .addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("registry.k8s.io/pause:3.10")
                .endContainer().endSpec();
        if (node != null) {
            pod.editSpec().withNodeName(node).endSpec();
        }
        return pod.build();
    }

    /** Shaped like the Deployment OSC's connector renders for deployment spec 1 (its labels, one replica). */
    private static Deployment vnfDeployment() {
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "osc", "osc.io/deployment-spec", "1");
        return new DeploymentBuilder()
                .withNewMetadata().withName("osc-vnf-1").withNamespace(SEC).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("vnf").withImage("registry.k8s.io/pause:3.10")
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static Pod running(String namespace, String name) {
        Await.until(namespace + "/" + name + " Running with an IP", () -> {
            Pod p = client.pods().inNamespace(namespace).withName(name).get();
            return p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                    && p.getStatus().getPodIP() != null;
        });
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private static Pod readyVnf() {
        Await.until("a Ready VNF pod", () -> vnfPods().stream().anyMatch(NetworkModeIT::ready),
                () -> vnfPods().toString());
        return vnfPods().stream().filter(NetworkModeIT::ready).findFirst().orElseThrow();
    }

    private static List<Pod> vnfPods() {
        return client.pods().inNamespace(SEC).withLabel("osc.io/deployment-spec", "1").list().getItems();
    }

    private static boolean ready(Pod pod) {
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && pod.getStatus().getContainerStatuses().stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
    }

    private static void assertPlugged(Pod pod, String node, String subnetPrefix) throws IOException {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String ip = pod.getStatus().getPodIP();
        assertEquals(node, pod.getSpec().getNodeName());
        assertTrue(ip.startsWith(subnetPrefix), ip + " is in " + node + "'s subnet");
        String mac = mac(pod);
        assertEquals(mac, lab.exec(ns, name, "cat", "/sys/class/net/eth0/address").trim(),
                "the pod's eth0 has the MAC of its annotation");
        assertTrue(lab.exec(ns, name, "ip", "-4", "-o", "addr", "show", "eth0").contains(" " + ip + "/24 "),
                "the pod's eth0 has its status.podIP");
        assertEquals("[\"" + mac + " " + ip + "\"]",
                lab.nbctl("get", "Logical_Switch_Port", ns + "_" + name, "addresses"));
        assertEquals("true", lab.nbctl("get", "Logical_Switch_Port", ns + "_" + name, "up"));
        assertTrue(lab.nbctl("--bare", "--columns=ports", "find", "Logical_Switch", "name=" + node)
                .contains(lab.nbctl("--bare", "--columns=_uuid", "find", "Logical_Switch_Port",
                        "name=" + ns + "_" + name)), "the port is on " + node + "'s switch");
    }

    private static String mac(Pod pod) {
        String annotation = pod.getMetadata().getAnnotations().get("k8s.ovn.org/pod-networks");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"mac_address\":\"([0-9a-f:]{17})\"")
                .matcher(annotation);
        assertTrue(m.find(), annotation);
        return m.group(1);
    }

    private static String ping(String namespace, String pod, String ip, int count) throws IOException {
        return lab.exec(namespace, pod, "python3", ping.toString(), ip, Integer.toString(count)).trim();
    }

    /** Lines of the capture for that packet, received by the VNF (to its MAC) and forwarded by it (from it). */
    private static long captured(Path capture, String vnfMac, String packet) {
        List<String> lines = read(capture).lines().filter(l -> l.contains(packet)).toList();
        long received = lines.stream().filter(l -> l.contains("> " + vnfMac + ",")).count();
        long forwarded = lines.stream().filter(l -> l.contains(" " + vnfMac + " >")).count();
        return Math.min(received, forwarded);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> labPodField(String namespace, String pod, String field) throws IOException {
        Path file = lab.dir().resolve("pods").resolve(namespace + "_" + pod);
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(field + "="))
                .map(l -> l.substring(field.length() + 1)).findFirst();
    }

    private static List<String> labPods() {
        try (var files = Files.list(lab.dir().resolve("pods"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> netnsPids(String netns) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "pids", netns).start();
        return new String(p.getInputStream().readAllBytes()).lines().map(String::trim).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
    }

    private static boolean unplugged(String lsp, String netns) {
        try {
            return lab.nbctl("--bare", "--columns=name", "find", "Logical_Switch_Port", "name=" + lsp).isEmpty()
                    && !Files.exists(Path.of("/run/netns", netns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.masterUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean portUp(String lsp) {
        try {
            return "true".equals(lab.nbctl("get", "Logical_Switch_Port", lsp, "up"));
        } catch (IOException noSuchPort) {
            return false;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

}
