package org.osc.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.osc.sdn.api.element.PortGroup;

/**
 * What the SDN controller was asked, seen from OSC's side of the SPI: every call counted by method, writes
 * (create, update or delete of port groups, inspection ports, their health, and hooks) apart from reads, the time
 * spent inside the plugin, the port each pod was given, every port group write with the time it returned, and the
 * last write calls with what they named. Outlives OSC restarts, like the controller it watches.
 */
final class SdnLog {

    /** The SPI methods that change the controller's state; every other method only reads. */
    static final Set<String> WRITES = Set.of("registerPortGroup", "updatePortGroup", "deletePortGroup",
            "registerInspectionPort", "removeInspectionPort", "setInspectionPortHealthy", "installInspectionHook",
            "updateInspectionHook", "removeInspectionHook", "removeAllInspectionHooks");

    /** Told of every port group write, on the job thread that made it, as soon as the plugin returned. */
    @FunctionalInterface
    interface PortGroupListener {
        /**
         * @param group the port group as the plugin returned it
         * @param nanos {@link System#nanoTime()} when the call returned
         */
        void written(PortGroup group, long nanos);
    }

    private static final int KEPT_WRITES = 1000;

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanosIn = new ConcurrentHashMap<>();
    private final Map<String, String> portOfPod = new ConcurrentHashMap<>();
    private final List<PortGroupListener> listeners = new CopyOnWriteArrayList<>();
    /** The last write calls with what they named, numbered. */
    private final Deque<String> recentWrites = new ArrayDeque<>();
    private long writeSequence;

    void addListener(PortGroupListener listener) {
        listeners.add(listener);
    }

    void removeListener(PortGroupListener listener) {
        listeners.remove(listener);
    }

    /** Counts one call and the time it took inside the plugin. */
    void called(String method, long nanos) {
        calls.computeIfAbsent(method, m -> new LongAdder()).increment();
        nanosIn.computeIfAbsent(method, m -> new LongAdder()).add(nanos);
    }

    /** Notes a write call and the element it named (kept: the last {@value #KEPT_WRITES}). */
    synchronized void wrote(String method, String element) {
        writeSequence++;
        recentWrites.addLast(writeSequence + " " + method + "(" + element + ")");
        while (recentWrites.size() > KEPT_WRITES) {
            recentWrites.removeFirst();
        }
    }

    /** @return the number of write calls noted so far */
    synchronized long writeSequence() {
        return writeSequence;
    }

    /** @return the write calls noted after {@code sequence} (of those kept), one line each */
    synchronized List<String> writesSince(long sequence) {
        return recentWrites.stream().filter(w -> Long.parseLong(w.substring(0, w.indexOf(' '))) > sequence)
                .map(w -> "SDN " + w.substring(w.indexOf(' ') + 1)).toList();
    }

    void portGroupWritten(PortGroup group, long nanos) {
        for (PortGroupListener listener : listeners) {
            listener.written(group, nanos);
        }
    }

    void port(String namespace, String name, String portId) {
        portOfPod.put(namespace + "/" + name, portId);
    }

    /** @return the port the controller last gave the pod, or null when OSC never looked one up */
    String portOf(String namespace, String name) {
        return portOfPod.get(namespace + "/" + name);
    }

    /** @return calls so far by method, sorted */
    Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((m, n) -> copy.put(m, n.sum()));
        return copy;
    }

    /** @return milliseconds spent inside the plugin so far, by method */
    Map<String, Double> millisIn() {
        Map<String, Double> copy = new TreeMap<>();
        nanosIn.forEach((m, n) -> copy.put(m, n.sum() / 1e6));
        return copy;
    }

    /** @return how many write calls were made so far */
    long writes() {
        return calls().entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** @return the write calls made since {@code before} (an earlier {@link #calls()}), by method */
    Map<String, Long> writesSince(Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        calls().forEach((m, n) -> {
            long d = n - before.getOrDefault(m, 0L);
            if (d > 0 && WRITES.contains(m)) {
                delta.put(m, d);
            }
        });
        return delta;
    }
}
