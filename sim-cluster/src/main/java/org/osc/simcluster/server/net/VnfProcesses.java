package org.osc.simcluster.server.net;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VNF pods' side of the kubelet: each plugged VNF pod forwards and runs its {@link Capture}, which
 * {@link #probeAll()} probes ({@link ForwardingProbe}) and the {@link Readiness} of the pod follows. A capture whose
 * process ended is started again, as a kubelet restarts a container, and the restart is counted. Whenever a pod's
 * readiness or restart count changes, its key is handed to {@code changed}.
 */
final class VnfProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(VnfProcesses.class);

    private final OvnLab lab;
    private final ForwardingProbe probe;
    private final Consumer<String> changed;
    private final Executor ops;
    private final Readiness readiness = new Readiness(1, 1);
    private final Map<String, Capture> captures = new ConcurrentHashMap<>();
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param lab the lab
     * @param probe the readiness probe
     * @param changed told the key of a pod whose readiness or restart count changed
     * @param ops where lab commands run (restarts go there, in line with plugs and unplugs)
     */
    VnfProcesses(OvnLab lab, ForwardingProbe probe, Consumer<String> changed, Executor ops) {
        this.lab = lab;
        this.probe = probe;
        this.changed = changed;
        this.ops = ops;
    }

    /** Makes a plugged pod a forwarder and starts its capture; it is not Ready until its first probe succeeds. */
    void start(String namespace, String name) throws IOException {
        lab.forwarder(namespace, name, true);
        captures.put(namespace + "/" + name, Capture.start(lab, namespace, name));
    }

    /** Stops the pod's capture (if it is a VNF) and forgets its readiness and restarts. */
    void stop(String key) {
        Capture capture = captures.remove(key);
        if (capture != null) {
            capture.close();
        }
        readiness.forget(key);
        restarts.remove(key);
    }

    /** @return whether the VNF pod passed its last readiness probe */
    boolean ready(String key) {
        return readiness.isReady(key);
    }

    /** @return how often the VNF pod's process was restarted */
    int restarts(String key) {
        return restarts.getOrDefault(key, 0);
    }

    /** Probes every VNF pod once (the network calls it every second). */
    void probeAll() {
        captures.forEach((key, capture) -> {
            boolean alive = capture.alive();
            boolean success = alive && probe.probe(capture.pid());
            if (readiness.record(key, success)) {
                LOG.info("VNF pod {} is {} (readiness probe: process {}, forwarding {})", key,
                        success ? "ready" : "not ready", alive ? "runs" : "ended", success ? "on" : "off or unknown");
                changed.accept(key);
            }
            if (!alive && !closed && restarting.add(key)) {
                try {
                    ops.execute(() -> restart(key, capture));
                } catch (RejectedExecutionException closing) {
                    restarting.remove(key);
                }
            }
        });
    }

    /**
     * The pod stays not Ready until the next probe after the restart succeeds. GAP: no CrashLoopBackOff, a process
     * that keeps ending is restarted every second.
     */
    private void restart(String key, Capture dead) {
        try {
            if (closed || captures.get(key) != dead) {
                return;
            }
            String[] nsName = key.split("/", 2);
            Capture fresh = Capture.start(lab, nsName[0], nsName[1]);
            if (!captures.replace(key, dead, fresh)) {
                fresh.close();
                return;
            }
            LOG.info("restarted the process of VNF pod {} (restart {})", key, restarts.merge(key, 1, Integer::sum));
            changed.accept(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not restart the process of VNF pod {}: {}", key, e.getMessage());
        } finally {
            restarting.remove(key);
        }
    }

    /** No more restarts; the captures are stopped with their pods ({@link #stop}). */
    void close() {
        closed = true;
    }
}
