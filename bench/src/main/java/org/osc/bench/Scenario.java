package org.osc.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.osc.bench.ovn.NbFloor;
import org.osc.bench.ovn.NbMonitor;
import org.osc.bench.ovn.NbServer;
import org.osc.bench.ovn.OvnCni;
import org.osc.ovn.sdn.OvnSdnController;
import org.osc.ovsdb.Uuid;
import org.osc.sample.manager.SampleManager;
import org.osc.sample.sdn.SampleSdnController;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.simcluster.SimCluster;
import org.osc.simcluster.SimClusterOptions;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * One scenario on a fresh simulated cluster and a fresh OSC database: workload pods first, then OSC with its groups,
 * VNF and bindings until it is quiet and verified right, then the sampled pod changes, the VNF recreates, and the
 * restart; the end state is verified after each phase.
 *
 * <p>With the OVN plugin ({@link SdnKind#OVN}) there is also a real {@code ovsdb-server} with the OVN northbound
 * schema ({@link NbServer}), the benchmark plays the CNI on it ({@link OvnCni}: router, node switches, a port per
 * running pod), and an independent monitor ({@link NbMonitor}) is the witness: membership is complete when it sees
 * the {@code Port_Group} rows right, the end state is verified against what it sees, the floor of the run
 * ({@link NbFloor}) is timed by it, and it counts the northbound transactions of the restart.
 */
final class Scenario {

    private static final Duration SETUP_WAIT = Duration.ofMinutes(20);
    /** Unmeasured floor changes before the measured ones. */
    private static final int FLOOR_WARMUP = 20;
    /** Ports the floor adds and removes in turn. */
    private static final int FLOOR_PORTS = 10;

    private final BenchConfig config;
    private final PrintStream progress;
    private final SdnLog log = new SdnLog();
    private final MembershipProbe.PortNames portNames;
    private final MembershipProbe probe;
    private final Trace trace = new Trace();
    private final MemorySdn memorySdn = new MemorySdn();
    private SdnControllerApi sdn;
    private SampleManager manager;
    private OvnSdnController ovn;
    private NbMonitor monitor;

    Scenario(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
        if (config.sdn() == SdnKind.OVN) {
            // OVN-Kubernetes' name of a pod's port, which the plugin maps pods to: the witness needs no OSC lookup.
            portNames = (namespace, name) -> namespace + "_" + name;
        } else {
            portNames = log::portOf;
        }
        probe = new MembershipProbe(portNames);
        if (config.sdn() != SdnKind.OVN) {
            log.addListener(probe);
        }
    }

    ScenarioResult run() throws Exception {
        Path dir = config.workDir().resolve(config.pods() + "-pods-" + config.groups() + "-groups");
        deleteTree(dir);
        Files.createDirectories(dir);
        Topology topology = new Topology(config.groups());
        NbServer nb = null;
        OvnCni cni = null;
        NbFloor floor = null;
        if (config.sdn() == SdnKind.OVN) {
            nb = NbServer.start(dir.resolve("nb"));
            say("OVN northbound ovsdb-server on " + nb.remote());
        }
        say("starting the simulated cluster in " + dir);
        SimCluster cluster = null;
        OscSide osc = null;
        try {
            if (nb != null) {
                cni = OvnCni.start(nb.ovsdbRemote());
                monitor = NbMonitor.start(nb.ovsdbRemote());
                monitor.addListener(probe::seen);
            }
            cluster = SimCluster.start(dir.resolve("sim"), SimClusterOptions.defaults()
                    .withJvmArgs("-XX:TieredStopAtLevel=4", "-Xmx2g").withStartTimeout(Duration.ofMinutes(2)));
            String kubeconfig = Files.readString(cluster.kubeconfigPath());
            try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig))
                    .withHttpClientFactory(new JdkHttpClientFactory()).build();
                    InformerProbe informer = new InformerProbe(admin)) {
                if (cni != null) {
                    plugPods(informer, cni);
                }
                OvnCni plugger = cni;
                PodDriver driver = new PodDriver(admin);
                say("creating " + config.pods() + " pods with " + config.createThreads() + " threads");
                long t0 = System.nanoTime();
                driver.createAll(topology, config.pods(), config.createThreads());
                double created = seconds(t0);
                require(Waits.until(SETUP_WAIT, () -> informer.running("bench-") >= config.pods()
                        && (plugger == null || plugger.plugged("bench-") >= config.pods())),
                        "the pods never all ran" + (plugger == null ? "" : " with a port"));
                double running = seconds(t0);
                say(String.format("%d pods created in %.1f s, all running%s in %.1f s", config.pods(), created,
                        cni == null ? "" : " with their logical switch ports", running));

                Path oscDir = dir.resolve("osc");
                osc = open(oscDir);
                driver.namespace(OscModel.VNF_NAMESPACE);
                long t1 = System.nanoTime();
                say("creating " + config.groups() + " groups, the appliance and its VNF");
                OscModel model = OscModel.create(osc, kubeconfig, nb == null ? null : Map.of("northbound",
                        nb.remote()), topology, config);
                OscSide side = osc;
                require(Waits.until(Duration.ofMinutes(5), () -> model.readyInstances(side) == config.vnfReplicas()),
                        "the VNF instances never became inspection-ready; last failed job: " + side.lastFailure());
                model.bind(osc, config);
                require(Waits.quiet(osc, SETUP_WAIT), "OSC never got quiet after the setup");
                double setup = seconds(t1);
                probe.portGroups(model.portGroups(osc));
                List<String> problems = new ArrayList<>();
                check("after setup", topology, informer, model, osc, problems);
                say(String.format("OSC set up and quiet in %.1f s; sampling %d + %d creates and relabels at %.0f/s"
                        + " after %d + %d unmeasured", setup, config.samples(), config.samples(), config.rate(),
                        config.warmup(), config.warmup()));

                // Unmeasured first: the JIT compiles the paths the samples take (the setup ran other ones).
                Sampler sampler = new Sampler(config, topology, driver, informer, probe, trace, model.groupIds(),
                        cni == null ? null : cni::expectPlugged);
                if (nb != null) {
                    floor = startFloor(nb);
                    floor.run(FLOOR_WARMUP, config.rate(), 0);
                }
                sampler.run(0, config.warmup());
                require(Waits.quiet(osc, SETUP_WAIT), "OSC never got quiet after the warm-up");
                Map<String, Long> callsBefore = log.calls();
                Map<String, Double> millisBefore = log.millisIn();
                // The floor runs beside the samples, at the same rate, half an interval after each.
                NbFloor measuredFloor = floor;
                CompletableFuture<List<Long>> floorRun = floor == null ? null : CompletableFuture.supplyAsync(() -> {
                    try {
                        return measuredFloor.run(2 * config.samples(), config.rate(), (long) (5e8 / config.rate()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                Sampler.Result samples = sampler.run(config.warmup(), config.samples());
                ScenarioResult.Floor floorResult = floorRun == null ? null : floorResult(floorRun.get(), cni);
                String load = loadAverage();
                require(Waits.quiet(osc, SETUP_WAIT), "OSC never got quiet after the samples");
                // Counted once OSC is quiet: every call the sampled changes caused, not only those made in time.
                Map<String, Long> calls = delta(log.calls(), callsBefore);
                Map<String, Double> millis = deltaMillis(log.millisIn(), millisBefore);
                check("after sampling", topology, informer, model, osc, problems);

                say("deleting the VNF Deployment " + config.vnfSamples() + " time(s)");
                VnfRecreate.Result vnf = VnfRecreate.run(config, osc, model, admin, informer);
                require(Waits.quiet(osc, SETUP_WAIT), "OSC never got quiet after the VNF recreates");
                int failedBefore = osc.failedJobs.get();
                String failureBefore = osc.lastFailure();

                say("restarting OSC");
                OscSide[] opened = new OscSide[1];
                RestartResync resync = RestartResync.run(osc, () -> open(oscDir), log, this::pluginChanges, opened,
                        monitor);
                osc = opened[0];
                check("after the restart", topology, informer, model, osc, problems);
                String failure = osc.lastFailure() != null ? osc.lastFailure() : failureBefore;
                if (floorResult != null) {
                    floorResult = new ScenarioResult.Floor(floorResult.join(), floorResult.leave(),
                            floorResult.groupSize(), cni.transactions() + " transactions, failures: "
                            + cni.failures());
                }
                return new ScenarioResult(config, created, running, setup, samples, calls, millis, vnf, resync,
                        problems, failedBefore + osc.failedJobs.get(), failure, load, floorResult);
            }
        } finally {
            if (osc != null) {
                osc.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            closeNorthbound(floor, cni, nb);
        }
    }

    /** The benchmark's CNI follows every pod its informer sees: a port once it runs with an IP, none once gone. */
    private static void plugPods(InformerProbe informer, OvnCni cni) {
        informer.addListener(new InformerProbe.PodListener() {
            @Override
            public void running(Pod pod) {
                cni.podRunning(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        pod.getMetadata().getUid(), pod.getStatus().getPodIP());
            }

            @Override
            public void deleted(Pod pod) {
                cni.podDeleted(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            }
        });
    }

    /**
     * The floor's port group: the ports of group 1's pods as created (a typical group, not a tier group), and
     * {@value #FLOOR_PORTS} ports of group 2's pods to add and remove.
     */
    private NbFloor startFloor(NbServer nb) throws InterruptedException {
        Map<String, Uuid> ports = monitor.ports();
        Map<String, Uuid> members = new HashMap<>();
        Map<String, Uuid> toggled = new LinkedHashMap<>();
        for (int i = 0; i < config.pods(); i++) {
            Uuid port = ports.get(portNames.portOf(Topology.namespace(i), PodDriver.name(i)));
            if (port != null && i % config.groups() == 1 % config.groups()) {
                members.put(portNames.portOf(Topology.namespace(i), PodDriver.name(i)), port);
            } else if (port != null && i % config.groups() == 2 % config.groups() && toggled.size() < FLOOR_PORTS) {
                toggled.put(portNames.portOf(Topology.namespace(i), PodDriver.name(i)), port);
            }
        }
        return NbFloor.start(nb.ovsdbRemote(), monitor, members, toggled);
    }

    private ScenarioResult.Floor floorResult(List<Long> nanos, OvnCni cni) {
        Latencies join = new Latencies();
        Latencies leave = new Latencies();
        for (int k = 0; k < nanos.size(); k++) {
            Latencies into = k % 2 == 0 ? join : leave;
            if (nanos.get(k) < 0) {
                into.miss();
            } else {
                into.add(nanos.get(k));
            }
        }
        return new ScenarioResult.Floor(join, leave, monitor.members(NbFloor.GROUP).map(Set::size).orElse(0),
                cni.transactions() + " transactions");
    }

    private void closeNorthbound(NbFloor floor, OvnCni cni, NbServer nb) throws InterruptedException {
        if (floor != null) {
            floor.close();
        }
        if (ovn != null) {
            ovn.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (cni != null) {
            cni.close();
        }
        if (nb != null) {
            nb.close();
        }
    }

    /**
     * Opens OSC on the folder with the sample manager (and the sample SDN plugin, when chosen) loaded from their state
     * files there, as the server does when it starts; the in-memory SDN controller stays as it is, like a real one.
     * The OVN plugin is part of OSC and starts afresh (a new controller, connection and replica), while its
     * northbound database, the real controller, stays up.
     */
    private OscSide open(Path oscDir) {
        if (ovn != null) {
            ovn.close();
        }
        sdn = switch (config.sdn()) {
            case SAMPLE -> new SampleSdnController(oscDir.resolve("sample-sdn").resolve("state.json"), "1.0.0");
            case OVN -> ovn = new OvnSdnController();
            case MEMORY -> memorySdn;
        };
        manager = new SampleManager(oscDir.resolve("sample-manager").resolve("state.json"));
        return new OscSide(oscDir, config.h2Options(), config.sdn(), new RecordingSdn(sdn, log), manager, trace);
    }

    /**
     * @return the changes the SDN controller and the sample manager counted themselves; for OVN, the controller's
     *         count is the northbound transactions the independent monitor saw
     */
    private long[] pluginChanges() {
        long sdnChanges = sdn instanceof SampleSdnController sample
                ? sample.snapshot().counters().changes().values().stream().mapToLong(Long::longValue).sum()
                : monitor != null ? monitor.counts().transactions() : memorySdn.changes();
        long managerChanges = manager.summary().operations().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("external.")).mapToLong(e -> e.getValue().changes()).sum();
        return new long[] {sdnChanges, managerChanges};
    }

    private void check(String phase, Topology topology, InformerProbe informer, OscModel model, OscSide osc,
            List<String> problems) throws Exception {
        Verifier.PortGroupReader reader = monitor == null ? Verifier.plugin(sdn) : ids -> {
            Map<String, Optional<Set<String>>> read = new HashMap<>();
            ids.forEach(id -> read.put(id, monitor.members(id)));
            return read;
        };
        List<String> found = Verifier.verify(topology, informer, portNames, reader, model.portGroups(osc));
        found.stream().limit(10).forEach(p -> problems.add(phase + ": " + p));
        if (found.size() > 10) {
            problems.add(phase + ": ... and " + (found.size() - 10) + " more");
        }
        say("verified " + phase + ": " + (found.isEmpty() ? "every port group right" : found.size() + " problem(s)"));
    }

    private void say(String line) {
        progress.println("[" + config.pods() + " pods x " + config.groups() + " groups] " + line);
    }

    /** @return the load averages of the machine, or "?" where /proc is not there */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n > 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    private static Map<String, Double> deltaMillis(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
