package org.osc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.osc.platform.api.Workload;

/**
 * Where a sampled change spent its time inside OSC, from two points between the API request and the port group
 * write: when OSC's own pod informer reported the change to the membership router, and when the reconcile queue
 * had handed the group's request to the reconcile service (its job created and queued, or joined to one queued).
 */
final class Trace {

    private record Report(long nanos, Workload after) {
    }

    private final Map<String, List<Report>> reports = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> submitted = new ConcurrentHashMap<>();

    /** OSC's informer reported a pod change (called on its event thread). */
    void reported(Workload before, Workload after, long nanos) {
        Workload pod = after != null ? after : before;
        reports.computeIfAbsent(pod.namespace() + "/" + pod.name(), k -> new ArrayList<>());
        List<Report> list = reports.get(pod.namespace() + "/" + pod.name());
        synchronized (list) {
            list.add(new Report(nanos, after));
        }
    }

    /** The reconcile queue handed a security group's request on (called on its thread). */
    void submitted(long groupId, long nanos) {
        List<Long> list = submitted.computeIfAbsent(groupId, k -> new ArrayList<>());
        synchronized (list) {
            list.add(nanos);
        }
    }

    /** @return when OSC was first told of the pod in a state the predicate accepts, at or after {@code from}; or -1 */
    long reportedAt(String namespace, String name, long from, Predicate<Workload> state) {
        List<Report> list = reports.get(namespace + "/" + name);
        if (list == null) {
            return -1;
        }
        synchronized (list) {
            return list.stream().filter(r -> r.nanos() >= from && r.after() != null && state.test(r.after()))
                    .mapToLong(Report::nanos).min().orElse(-1);
        }
    }

    /** @return the first hand-over of the group's request at or after {@code from}, or -1 */
    long submittedAt(long groupId, long from) {
        List<Long> list = submitted.get(groupId);
        if (list == null) {
            return -1;
        }
        synchronized (list) {
            return list.stream().filter(n -> n >= from).mapToLong(Long::longValue).min().orElse(-1);
        }
    }
}
