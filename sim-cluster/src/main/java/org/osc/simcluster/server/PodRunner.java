package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;

/**
 * The kubelet's part of the simulated cluster, as {@link SimController} drives it: the plain {@link Kubelet}, or
 * the {@link NetworkKubelet} that plugs pods into an OVN lab. {@link #observe}, {@link #forget} and
 * {@link #needsStart} are called on the informer's thread and must return at once; {@link #start} and
 * {@link #retainOnly} run on the controller's queue thread, {@link #init} before the informers start.
 */
interface PodRunner extends AutoCloseable {

    /** Called with every pod listed before the informers start (e.g. restored from state). */
    default void init(Collection<Pod> pods) {
        pods.forEach(this::observe);
    }

    /** @param pod a pod seen on the watch */
    void observe(Pod pod);

    /** @param pod a pod that is gone */
    void forget(Pod pod);

    /** @return true if the pod needs {@link #start} */
    boolean needsStart(Pod pod);

    /**
     * Brings the pod one step closer to running, on the controller's thread; an exception retries it later.
     *
     * @param pod the pod as last seen
     */
    void start(Pod pod);

    /** @param liveUids every pod that exists: what belongs to others is freed (a missed delete event) */
    void retainOnly(Collection<String> liveUids);

    @Override
    default void close() {
    }
}
