package org.osc.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The raw floor OSC's latency is compared with: a plain fabric8 informer on every pod (and one on Deployments) on
 * the benchmark's own client, in the same JVM and run as OSC's, timestamping in its event handler when a pod
 * appeared or got a label value. Also the benchmark's view of the cluster: its cache says which pods exist, with
 * which labels and IPs.
 */
final class InformerProbe implements AutoCloseable {

    /** An awaited event: the time the change was sent, and the time the handler saw it. */
    static final class Mark {
        volatile long start;
        final CompletableFuture<Long> seen = new CompletableFuture<>();

        /** @return nanoseconds from {@link #start} to the handler, or -1 when not seen */
        long latency() {
            Long at = seen.getNow(null);
            return at == null ? -1 : at - start;
        }
    }

    private record LabelWait(String key, String value, Mark mark) {
    }

    /** Told of pods as the informer sees them, on its event thread (e.g. the CNI the benchmark plays). */
    interface PodListener {
        /** @param pod a pod that runs with an IP, after any change of it */
        void running(Pod pod);

        /** @param pod a pod that is gone */
        void deleted(Pod pod);
    }

    private final List<PodListener> listeners = new CopyOnWriteArrayList<>();

    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Deployment> deployments;
    private final Map<String, Mark> adds = new ConcurrentHashMap<>();
    private final Map<String, Mark> runs = new ConcurrentHashMap<>();
    private final Map<String, LabelWait> labels = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    InformerProbe(KubernetesClient client) throws Exception {
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                long now = System.nanoTime();
                Mark mark = adds.remove(key(pod));
                if (mark != null) {
                    mark.seen.complete(now);
                }
                track(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                long now = System.nanoTime();
                String key = key(after);
                LabelWait wait = labels.get(key);
                Map<String, String> labelsNow = after.getMetadata().getLabels();
                if (wait != null && labelsNow != null && wait.value().equals(labelsNow.get(wait.key()))
                        && labels.remove(key, wait)) {
                    wait.mark().seen.complete(now);
                }
                track(after);
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                running.remove(key(pod));
                listeners.forEach(l -> l.deleted(pod));
            }
        });
        deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        pods.start().toCompletableFuture().get(120, TimeUnit.SECONDS);
        deployments.start().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static String key(Pod pod) {
        return key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }

    private void track(Pod pod) {
        if (isRunning(pod)) {
            Mark mark = runs.remove(key(pod));
            if (mark != null) {
                mark.seen.complete(System.nanoTime());
            }
            running.add(key(pod));
            listeners.forEach(l -> l.running(pod));
        } else {
            running.remove(key(pod));
        }
    }

    /** @return whether the pod runs with an IP (what the simulated kubelet does a few milliseconds after create) */
    static boolean isRunning(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getPodIP() != null && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** @param listener told of running and deleted pods from now on */
    void addListener(PodListener listener) {
        listeners.add(listener);
    }

    /** Registers a wait for the pod's first appearance; call before creating it. */
    Mark expectAdd(String namespace, String name) {
        Mark mark = new Mark();
        adds.put(key(namespace, name), mark);
        return mark;
    }

    /** Registers a wait for the pod to run with an IP; call before creating it. */
    Mark expectRunning(String namespace, String name) {
        Mark mark = new Mark();
        runs.put(key(namespace, name), mark);
        return mark;
    }

    /** Registers a wait for the pod to carry the label value; call before changing it. */
    Mark expectLabel(String namespace, String name, String key, String value) {
        Mark mark = new Mark();
        labels.put(key(namespace, name), new LabelWait(key, value, mark));
        return mark;
    }

    /** @return how many pods whose key starts with the prefix run with an IP */
    long running(String prefix) {
        return running.stream().filter(k -> k.startsWith(prefix)).count();
    }

    /** @return the cached pod, or null */
    Pod pod(String namespace, String name) {
        return pods.getIndexer().getByKey(key(namespace, name));
    }

    /** @return every cached pod */
    List<Pod> pods() {
        return pods.getIndexer().list();
    }

    /** @return the cached Deployment, or null */
    Deployment deployment(String namespace, String name) {
        return deployments.getIndexer().getByKey(key(namespace, name));
    }

    /** @return the running pods owned by the Deployment with that uid */
    List<Pod> podsOf(String namespace, String deploymentUid) {
        return pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream().filter(InformerProbe::isRunning)
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> Objects.equals(o.getUid(), deploymentUid)))
                .toList();
    }

    @Override
    public void close() {
        pods.stop();
        deployments.stop();
    }
}
