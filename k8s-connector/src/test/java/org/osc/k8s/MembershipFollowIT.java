package org.osc.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.membership.ConnectorWatcher;
import org.osc.server.membership.MembershipRouter;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.platform.PlatformRegistry;
import org.osc.simcluster.SimCluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The whole chain from the cluster to reconcile requests, as the server wires it but with the requests recorded
 * instead of run: the connector watcher tells this platform to follow the connector it reads from the database,
 * pod changes in the simulated cluster reach the membership router, which requests exactly the groups concerned,
 * from its own thread. Measures the latency from a pod write to the reconcile request.
 */
class MembershipFollowIT {

    @TempDir
    static Path workDir;
    static SimCluster cluster;
    static KubernetesClient admin;
    static KubernetesClients clients;
    static KubernetesPlatform platform;
    static Database db;
    static ConnectorWatcher watcher;
    static final List<long[]> requests = Collections.synchronizedList(new ArrayList<>());
    static long web;
    static long front;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        cluster = SimCluster.start(workDir);
        String kubeconfig = Files.readString(cluster.kubeconfigPath());
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
        db = Database.open("jdbc:h2:file:" + workDir.resolve("osc") + ";WRITE_DELAY=0", "", "", 4);
        long vc = db.inTransaction(s -> {
            VirtualizationConnector connector = new VirtualizationConnector();
            connector.setName("sim");
            connector.setType("KUBERNETES");
            connector.setControllerType("SampleSdn");
            connector.setKubeconfig(kubeconfig);
            s.persist(connector);
            return connector.getId();
        });
        web = group(vc, "web", List.of(), "app=web");
        front = group(vc, "front", List.of("shop"), "tier=front");
        clients = new KubernetesClients();
        platform = new KubernetesPlatform(clients);
        ReconcileQueue queue = new ReconcileQueue() {
            @Override
            public void request(ObjectType type, long id) {
                if (type == ObjectType.SECURITY_GROUP) {
                    requests.add(new long[] {id, System.nanoTime()});
                }
            }
        };
        platform.bindWorkloadEvents(new MembershipRouter(db, queue));
        PlatformRegistry platforms = new PlatformRegistry();
        platforms.register(platform);
        watcher = new ConnectorWatcher(db, platforms, queue, id -> false);
        watcher.round();
        WatchRecorder.until("the first sync's resync requests every group",
                () -> requested(0).containsAll(List.of(web, front)));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
            clients.close();
            admin.close();
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void podChangesRequestExactlyTheirGroupsWithinMilliseconds() throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int mark = requests.size();
            long written = System.nanoTime();
            TestPods.create(admin, "shop", "front-" + i, Map.of("tier", "front"));
            WatchRecorder.until("front requested", () -> requested(mark).contains(front));
            latencies.add((at(mark, front) - written) / 1_000_000);
        }
        int mark = requests.size();
        TestPods.create(admin, "blog", "other", Map.of("tier", "front", "app", "blog"));
        long written = System.nanoTime();
        TestPods.label(admin, "shop", "front-0", "app", "web");
        WatchRecorder.until("web requested for the relabelled pod", () -> requested(mark).contains(web));
        long relabel = (at(mark, web) - written) / 1_000_000;
        WatchRecorder.until("front requested too: the pod was in it before and after",
                () -> requested(mark).contains(front));
        assertTrue(requested(mark).stream().allMatch(id -> id == web || id == front), requested(mark).toString());

        Collections.sort(latencies);
        System.out.printf("pod create -> reconcile request: median %d ms, max %d ms (20 pods); relabel %d ms%n",
                latencies.get(10), latencies.get(19), relabel);
    }

    @Test
    void aNewMemberTakesEffectForTheNextEvent() throws Exception {
        TestPods.create(admin, "cache", "cache-1", Map.of("app", "cache"));
        db.run(s -> {
            SecurityGroup sg = s.find(SecurityGroup.class, web);
            sg.getMembers().add(member(sg, "cache", "app=cache"));
        });
        int mark = requests.size();
        TestPods.label(admin, "cache", "cache-1", "tier", "x");
        WatchRecorder.until("web requested", () -> requested(mark).contains(web));
        assertEquals(List.of(web), requested(mark).stream().distinct().toList());
    }

    private static List<Long> requested(int from) {
        synchronized (requests) {
            return requests.subList(from, requests.size()).stream().map(r -> r[0]).toList();
        }
    }

    private static long at(int from, long group) {
        synchronized (requests) {
            return requests.subList(from, requests.size()).stream().filter(r -> r[0] == group).findFirst()
                    .orElseThrow()[1];
        }
    }

    private static long group(long vc, String name, List<String> namespaces, String label) {
        long id = db.inTransaction(s -> {
            SecurityGroup sg = new SecurityGroup();
            sg.setVirtualizationConnector(s.find(VirtualizationConnector.class, vc));
            sg.setName(name);
            sg.getNamespaces().addAll(namespaces);
            sg.getMembers().add(member(sg, name, label));
            s.persist(sg);
            return sg.getId();
        });
        return id;
    }

    private static SecurityGroupMember member(SecurityGroup sg, String name, String label) {
        SecurityGroupMember member = new SecurityGroupMember();
        member.setSecurityGroup(sg);
        member.setName(name);
        member.setType("LABEL");
        member.setLabel(label);
        return member;
    }
}
