package org.osc.simcluster.server.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNI side of the network-mode kubelet: plugs pods into the lab and unplugs them, on a thread of its own so
 * that neither the API server nor the controller waits for it (a plug takes about 0.7 s: {@code ovn-lab plug}
 * waits until OVN has bound the port). VNF pods are made forwarders with a capture running, probed every second
 * ({@link VnfProcesses}). Whenever something the pod's status depends on changes (plugged, failed, readiness,
 * restarts), the pod's key is handed to {@code changed}, and the kubelet reconciles it.
 * <p>
 * What it plugged is recorded in {@code DIR/sim-cluster/plugged/} (one empty file per pod), so that a simulator that
 * was killed leaves nothing behind at its next start; {@link #close()} unplugs everything.
 */
public final class PodNetwork implements AutoCloseable {

    /** What a pod needs plugged. */
    public record PlugRequest(String namespace, String name, String uid, String node, String ip, String mac,
            boolean vnf) {
        /** @return {@code namespace/name} */
        public String key() {
            return namespace + "/" + name;
        }
    }

    /** What is plugged for a pod. */
    public record Plugged(String uid, String node, String ip, String mac, boolean vnf, String netns) {
        /** @return whether this is what the request asks for */
        public boolean matches(PlugRequest request) {
            return uid.equals(request.uid()) && node.equals(request.node()) && ip.equals(request.ip())
                    && mac.equals(request.mac()) && vnf == request.vnf();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);
    private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);
    private static final long MAX_RETRY_MILLIS = 30_000;
    private static final long CLOSE_WAIT_SECONDS = 70;

    private final OvnLab lab;
    private final Consumer<String> changed;
    private final Path records;
    private final Map<String, Plugged> plugged = new ConcurrentHashMap<>();
    private final Map<String, PlugRequest> pending = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    // GAP: one plug at a time (about 0.7 s each, 1-3 s on a busy machine): ovn-lab holds its lab lock until OVN has
    // bound the port, so parallel plugs would only queue on it. Fine for a lab of tens of pods, not for hundreds.
    private final ExecutorService ops = Executors.newSingleThreadExecutor(r -> daemon(r, "sim-net"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "sim-net-probe"));
    private final VnfProcesses vnfs;
    private volatile boolean closed;

    /**
     * @param lab the started lab
     * @param changed told the key ({@code namespace/name}) of a pod whose network state changed
     * @param probe the VNF readiness probe
     */
    public PodNetwork(OvnLab lab, Consumer<String> changed, ForwardingProbe probe) {
        this.lab = lab;
        this.changed = changed;
        this.vnfs = new VnfProcesses(lab, probe, changed, this::submit);
        this.records = lab.dir().resolve("sim-cluster").resolve("plugged");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Removes what an earlier simulator on this lab left plugged (it was killed before it could unplug), then
     * starts probing.
     *
     * @throws IOException if the records cannot be read
     */
    public void start() throws IOException {
        Files.createDirectories(records);
        try (DirectoryStream<Path> left = Files.newDirectoryStream(records)) {
            for (Path record : left) {
                String[] nsName = record.getFileName().toString().split("_", 2);
                try {
                    lab.unplug(nsName[0], nsName[1]);
                    Files.deleteIfExists(record);
                    LOG.info("unplugged {}/{}, left plugged by an earlier run", nsName[0], nsName[1]);
                } catch (IOException | ArrayIndexOutOfBoundsException e) {
                    LOG.warn("could not unplug {} left by an earlier run: {}", record.getFileName(), e.getMessage());
                }
            }
        }
        timers.scheduleWithFixedDelay(vnfs::probeAll, PROBE_PERIOD.toMillis(), PROBE_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Plugs the pod soon (returns at once). Asking again for what is plugged or already asked for does nothing;
     * a pod plugged with other settings is unplugged first.
     *
     * @param request the pod and its address
     */
    public void plug(PlugRequest request) {
        Plugged current = plugged.get(request.key());
        if (closed || current != null && current.matches(request) || request.equals(pending.get(request.key()))) {
            return;
        }
        pending.put(request.key(), request);
        submit(() -> doPlug(request));
    }

    /**
     * Unplugs the pod soon (returns at once), unless the name is plugged for a newer pod of the same name.
     *
     * @param namespace the pod's namespace
     * @param name its name
     * @param uid its uid
     */
    public void unplug(String namespace, String name, String uid) {
        String key = namespace + "/" + name;
        PlugRequest request = pending.get(key);
        if (request != null && request.uid().equals(uid)) {
            pending.remove(key, request);
        }
        submit(() -> doUnplug(namespace, name, uid));
    }

    /**
     * Unplugs the pods that no longer exist: a safety net for a missed delete event.
     *
     * @param liveUids uids of every pod that exists
     */
    public void retainOnly(Collection<String> liveUids) {
        Set<String> live = new HashSet<>(liveUids);
        plugged.forEach((key, p) -> {
            if (!live.contains(p.uid())) {
                String[] nsName = key.split("/", 2);
                unplug(nsName[0], nsName[1], p.uid());
            }
        });
    }

    /** @return what is plugged for the pod {@code namespace/name} */
    public Optional<Plugged> plugged(String key) {
        return Optional.ofNullable(plugged.get(key));
    }

    /** @return whether the VNF pod {@code namespace/name} passed its last readiness probe */
    public boolean ready(String key) {
        return vnfs.ready(key);
    }

    /** @return how often the process of the VNF pod {@code namespace/name} was restarted */
    public int restarts(String key) {
        return vnfs.restarts(key);
    }

    private void submit(Runnable op) {
        try {
            ops.execute(op);
        } catch (RejectedExecutionException closing) {
            // closing: close() unplugs everything
        }
    }

    private void doPlug(PlugRequest request) {
        String key = request.key();
        if (closed || !request.equals(pending.get(key))) {
            return; // superseded by a newer request, or unplugged meanwhile
        }
        Plugged current = plugged.get(key);
        try {
            if (current == null || !current.matches(request)) {
                if (current != null) {
                    teardown(request.namespace(), request.name());
                }
                Files.createDirectories(records);
                Files.writeString(record(request.namespace(), request.name()), "");
                long started = System.nanoTime();
                String netns = lab.plug(request.node(), request.namespace(), request.name(), request.ip(),
                        request.mac());
                if (request.vnf()) {
                    vnfs.start(request.namespace(), request.name());
                }
                plugged.put(key, new Plugged(request.uid(), request.node(), request.ip(), request.mac(),
                        request.vnf(), netns));
                LOG.info("plugged {} on {} as {}{} in {} ms", key, request.node(), request.ip(),
                        request.vnf() ? " (VNF: forwarding, capturing)" : "",
                        (System.nanoTime() - started) / 1_000_000);
            }
            pending.remove(key, request);
            failures.remove(key);
        } catch (IOException | RuntimeException e) {
            pending.remove(key, request);
            try {
                teardown(request.namespace(), request.name());
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            int attempt = failures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_RETRY_MILLIS, 250L << Math.min(attempt, 10));
            LOG.warn("plugging {} failed (attempt {}), retrying in {} ms: {}", key, attempt, delay, e.getMessage());
            schedule(() -> changed.accept(key), delay);
            return;
        }
        changed.accept(key);
    }

    private void doUnplug(String namespace, String name, String uid) {
        String key = namespace + "/" + name;
        Plugged current = plugged.get(key);
        if (current != null && !current.uid().equals(uid)) {
            return; // the name belongs to a newer pod now
        }
        if (current == null && !Files.exists(record(namespace, name))) {
            return; // never plugged
        }
        try {
            teardown(namespace, name);
            LOG.info("unplugged {}", key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("unplugging {} failed: {}", key, e.getMessage());
        }
        failures.remove(key);
    }

    /** Stops the capture, removes the pod from the lab, forgets it. */
    private void teardown(String namespace, String name) throws IOException {
        String key = namespace + "/" + name;
        vnfs.stop(key);
        plugged.remove(key);
        lab.unplug(namespace, name);
        Files.deleteIfExists(record(namespace, name));
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closing
        }
    }

    private Path record(String namespace, String name) {
        return records.resolve(namespace + "_" + name);
    }

    /** Stops probing, lets a plug in progress finish, then unplugs every pod this kubelet plugged. */
    @Override
    public void close() {
        closed = true;
        vnfs.close();
        timers.shutdownNow();
        ops.shutdown();
        try {
            if (!ops.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a plug did not finish in {} s; unplugging anyway", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String key : List.copyOf(plugged.keySet())) {
            String[] nsName = key.split("/", 2);
            try {
                teardown(nsName[0], nsName[1]);
            } catch (IOException | RuntimeException e) {
                LOG.warn("unplugging {} at shutdown failed: {}", key, e.getMessage());
            }
        }
        LOG.info("network mode stopped: every pod unplugged");
    }
}
