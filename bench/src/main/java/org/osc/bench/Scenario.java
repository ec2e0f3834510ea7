package org.osc.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osc.sample.manager.SampleManager;
import org.osc.sample.sdn.SampleSdnController;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.simcluster.SimCluster;
import org.osc.simcluster.SimClusterOptions;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * One scenario on a fresh simulated cluster and a fresh OSC database: workload pods first, then OSC with its groups,
 * VNF and bindings until it is quiet and verified right, then the sampled pod changes, the VNF recreates, and the
 * restart; the end state is verified after each phase.
 */
final class Scenario {

    private static final Duration SETUP_WAIT = Duration.ofMinutes(20);

    private final BenchConfig config;
    private final PrintStream progress;
    private final SdnLog log = new SdnLog();
    private final MembershipProbe probe = new MembershipProbe(log);
    private final Trace trace = new Trace();
    private final MemorySdn memorySdn = new MemorySdn();
    private SdnControllerApi sdn;
    private SampleManager manager;

    Scenario(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
        log.addListener(probe);
    }

    ScenarioResult run() throws Exception {
        Path dir = config.workDir().resolve(config.pods() + "-pods-" + config.groups() + "-groups");
        deleteTree(dir);
        Files.createDirectories(dir);
        Topology topology = new Topology(config.groups());
        say("starting the simulated cluster in " + dir);
        SimCluster cluster = SimCluster.start(dir.resolve("sim"), SimClusterOptions.defaults()
                .withJvmArgs("-XX:TieredStopAtLevel=4", "-Xmx2g").withStartTimeout(Duration.ofMinutes(2)));
        OscSide osc = null;
        try {
            String kubeconfig = Files.readString(cluster.kubeconfigPath());
            try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig))
                    .withHttpClientFactory(new JdkHttpClientFactory()).build();
                    InformerProbe informer = new InformerProbe(admin)) {
                PodDriver driver = new PodDriver(admin);
                say("creating " + config.pods() + " pods with " + config.createThreads() + " threads");
                long t0 = System.nanoTime();
                driver.createAll(topology, config.pods(), config.createThreads());
                double created = seconds(t0);
                require(Waits.until(SETUP_WAIT, () -> informer.running("bench-") >= config.pods()),
                        "the pods never all ran");
                double running = seconds(t0);
                say(String.format("%d pods created in %.1f s, all running in %.1f s", config.pods(), created,
                        running));

                Path oscDir = dir.resolve("osc");
                osc = open(oscDir);
                driver.namespace(OscModel.VNF_NAMESPACE);
                long t1 = System.nanoTime();
                say("creating " + config.groups() + " groups, the appliance and its VNF");
                OscModel model = OscModel.create(osc, kubeconfig, topology, config);
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
                Sampler sampler = new Sampler(config, topology, driver, informer, probe, trace, model.groupIds());
                sampler.run(0, config.warmup());
                require(Waits.quiet(osc, SETUP_WAIT), "OSC never got quiet after the warm-up");
                Map<String, Long> callsBefore = log.calls();
                Map<String, Double> millisBefore = log.millisIn();
                Sampler.Result samples = sampler.run(config.warmup(), config.samples());
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
                RestartResync resync = RestartResync.run(osc, () -> open(oscDir), log, this::pluginChanges, opened);
                osc = opened[0];
                check("after the restart", topology, informer, model, osc, problems);
                String failure = osc.lastFailure() != null ? osc.lastFailure() : failureBefore;
                return new ScenarioResult(config, created, running, setup, samples, calls, millis, vnf, resync,
                        problems, failedBefore + osc.failedJobs.get(), failure, load);
            }
        } finally {
            if (osc != null) {
                osc.close();
            }
            cluster.close();
        }
    }

    /**
     * Opens OSC on the folder with the sample manager (and the sample SDN plugin, when chosen) loaded from their state
     * files there, as the server does when it starts; the in-memory SDN controller stays as it is, like a real one.
     */
    private OscSide open(Path oscDir) {
        sdn = config.sampleSdn() ? new SampleSdnController(oscDir.resolve("sample-sdn").resolve("state.json"), "1.0.0")
                : memorySdn;
        manager = new SampleManager(oscDir.resolve("sample-manager").resolve("state.json"));
        return new OscSide(oscDir, config.h2Options(), new RecordingSdn(sdn, log), manager, trace);
    }

    /** @return the changes the SDN controller and the sample manager counted themselves */
    private long[] pluginChanges() {
        long sdnChanges = sdn instanceof SampleSdnController sample
                ? sample.snapshot().counters().changes().values().stream().mapToLong(Long::longValue).sum()
                : memorySdn.changes();
        long managerChanges = manager.summary().operations().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("external.")).mapToLong(e -> e.getValue().changes()).sum();
        return new long[] {sdnChanges, managerChanges};
    }

    private void check(String phase, Topology topology, InformerProbe informer, OscModel model, OscSide osc,
            List<String> problems) throws Exception {
        List<String> found = Verifier.verify(topology, informer, log, sdn, model.portGroups(osc));
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
