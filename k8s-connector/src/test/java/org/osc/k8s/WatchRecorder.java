package org.osc.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.osc.platform.api.DeploymentEvents;
import org.osc.platform.api.Workload;
import org.osc.platform.api.WorkloadEvents;

/** The server's side of the watch, recorded: every report with the time it arrived, and bounded waits on them. */
final class WatchRecorder implements WorkloadEvents {

    /** The longest a test waits for the cluster or the informers. */
    static final long WAIT_MILLIS = 10_000;

    /** One pod report. */
    record Change(long connectorId, Workload before, Workload after, long nanos) {

        /** @return the name of the pod reported */
        String name() {
            return after != null ? after.name() : before.name();
        }
    }

    private final List<Change> changes = new ArrayList<>();
    private final List<Long> specs = new ArrayList<>();
    /** Pod resync reports. */
    final AtomicInteger resyncs = new AtomicInteger();
    /** VNF resync reports. */
    final AtomicInteger specResyncs = new AtomicInteger();
    /** The VNF side of the recorder, to bind as the {@link DeploymentEvents} service. */
    final DeploymentEvents deployments = new DeploymentEvents() {
        @Override
        public void deploymentChanged(long connectorId, long specId) {
            synchronized (WatchRecorder.this) {
                specs.add(specId);
            }
        }

        @Override
        public void resynced(long connectorId) {
            specResyncs.incrementAndGet();
        }
    };

    @Override
    public synchronized void workloadsChanged(long connectorId, Workload before, Workload after) {
        changes.add(new Change(connectorId, before, after, System.nanoTime()));
    }

    @Override
    public void resynced(long connectorId) {
        resyncs.incrementAndGet();
    }

    synchronized List<Change> changes(String pod) {
        return changes.stream().filter(c -> c.name().equals(pod)).toList();
    }

    synchronized List<Long> specs() {
        return List.copyOf(specs);
    }

    /** @return the first report about the pod that satisfies the condition, waiting for it */
    Change await(String pod, Predicate<Change> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            Optional<Change> found = changes(pod).stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such report about pod " + pod + " within " + WAIT_MILLIS
                        + " ms; reports: " + changes(pod));
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the condition holds. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** @return the names of the workloads */
    static List<String> names(List<Workload> workloads) {
        List<String> names = new ArrayList<>();
        workloads.forEach(w -> names.add(w.name()));
        names.sort(null);
        return names;
    }
}
