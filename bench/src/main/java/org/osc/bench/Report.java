package org.osc.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The printed results: a block per scenario as it finishes, and one table of all scenarios at the end. */
final class Report {

    private Report() {
    }

    static void scenario(ScenarioResult r, PrintStream out) {
        BenchConfig c = r.config();
        Sampler.Result s = r.samples();
        out.printf("%n== %d pods, %d groups (%d bound to a VNF), %s, sample manager plugin ==%n", c.pods(),
                c.groups(), c.boundGroups(), c.sdnName());
        out.printf("setup: %d pods created in %.1f s (%.0f/s, %d threads), all running in %.1f s;"
                + " OSC's groups, VNF and bindings converged in %.1f s%n", c.pods(), r.podCreateSeconds(),
                c.pods() / r.podCreateSeconds(), c.createThreads(), r.podsRunningSeconds(), r.setupSeconds());
        out.printf("sampling: %d creates + %d relabels interleaved, started at %.0f changes/s (open loop) after %d + %d"
                + " unmeasured, %.1f s; load average after it %s (%d cores); H2 %s%s%n", s.creates(), s.relabels(),
                s.rate(), c.warmup(), c.warmup(), s.seconds(), r.loadDuringSampling(),
                Runtime.getRuntime().availableProcessors(), c.h2Options(),
                s.errors().isEmpty() ? "" : "; " + s.errors().size() + " request(s) failed: " + s.errors().get(0));
        ScenarioResult.Floor f = r.floor();
        if (f != null) {
            out.println("membership is complete when an independent monitor of the northbound database (a replica on"
                    + " its own connection) sees the Port_Group rows right; the CNI (the benchmark) writes each pod's"
                    + " logical switch port once its informer sees the pod run with an IP (" + f.cni() + ")");
        }
        out.println("latency, ms                                          p50/p99/max   samples  missed");
        line(out, "membership: pod create -> port group(s) contain it", s.create());
        line(out, "membership: relabel -> old and new port groups right", s.relabel());
        if (f != null) {
            line(out, "floor (same run): bare mutate, port added -> seen", f.join());
            line(out, "floor (same run): bare mutate, port removed -> seen", f.leave());
            out.printf("  (the floor: a bare ovsdb-client mutate of a %d-port Port_Group, seen by the same monitor)%n",
                    f.groupSize());
            line(out, "CNI (bench): create -> pod's port written", s.plugged());
        }
        line(out, "informer (same run): create -> ADDED", s.informerAdded());
        line(out, "informer (same run): create -> Running with IP", s.informerRunning());
        line(out, "informer (same run): relabel -> new label seen", s.informerRelabel());
        line(out, "membership, changes of bound groups (both kinds)", s.bound());
        line(out, "membership, changes of unbound groups only", s.unbound());
        out.println("  where the membership time went (creates and relabels together):");
        line(out, "  request -> OSC's informer reports the change", s.oscInformer());
        line(out, "  report -> group's key on the reconcile queue", s.handOver());
        line(out, f == null ? "  queued -> port group write (wait for a worker + job)"
                : "  queued -> Port_Group change seen (worker, job, NB)", s.job());
        VnfRecreate.Result v = r.vnf();
        out.printf("VNF recreate (Deployment deleted by hand, %d time(s), %d replicas):%n", c.vnfSamples(),
                c.vnfReplicas());
        line(out, "  Deployment exists again", v.deploymentBack());
        line(out, "  all replicas Running with IP", v.podsRunning());
        line(out, "  instances registered again (SDN + manager)", v.registered());
        v.errors().forEach(e -> out.println("  error: " + e));
        RestartResync x = r.resync();
        out.printf("restart (same DB, cluster and plugin state, nothing changed): close %.0f ms, open %.0f ms;"
                + " resync of all %d groups %.0f ms (pod informer synced at %.0f ms; %d group jobs, %d failed)%s%n",
                x.closeMillis(), x.openMillis(), c.groups(), x.resyncMillis(), x.informerSyncMillis(), x.groupJobs(),
                x.failedJobs(), x.completed() ? "" : " [DID NOT COMPLETE]");
        out.printf("  SDN writes during the resync: %d %s (of %d SPI calls); the SDN controller's own change"
                + " count +%d; manager changes +%d%n", x.writes(), x.sdnWrites().isEmpty() ? "" : x.sdnWrites(),
                x.sdnCalls(), x.pluginChanges(), x.managerChanges());
        if (x.nbTransactions() >= 0) {
            out.printf("  northbound writes from the close to OSC quiet again (the plugin restarted too): %d"
                    + " transaction(s) changing %d row(s), as the independent monitor's update notifications"
                    + " counted them%n", x.nbTransactions(), x.nbRows());
        }
        x.writeLog().stream().limit(50).forEach(w -> out.println("    " + w));
        if (x.writeLog().size() > 50) {
            out.println("    ... and " + (x.writeLog().size() - 50) + " more");
        }
        out.println("SDN plugin during sampling (calls, ms inside the plugin): " + sdn(r.sdnCalls(), r.sdnMillis()));
        out.printf("SPI calls per pod change: %.1f (getWorkloadPort %.1f) over %d changes%n", perChange(r, null),
                perChange(r, "getWorkloadPort"), 2 * c.samples());
        out.println("verification (every port group = the running pods its labels select): "
                + (r.problems().isEmpty() ? "ok after setup, sampling and restart"
                        : r.problems().size() + " problem(s)"));
        r.problems().forEach(p -> out.println("  " + p));
        if (r.failedJobs() > 0) {
            out.println("failed jobs: " + r.failedJobs() + "; last: " + r.lastFailure());
        }
    }

    static void table(List<ScenarioResult> results, PrintStream out) {
        out.printf("%n%-6s %-6s | %-15s %-15s %-13s | %-7s | %-13s %-13s %-13s | %-19s | %-9s %-6s %-6s %-5s | %s%n",
                "pods", "groups", "create p50/99", "relabel p50/99", "NB floor", "SPI/chg", "inf.add", "inf.running",
                "inf.relabel", "VNF back/run/reg", "resync ms", "jobs", "writes", "NB tx", "verified, SDN");
        for (ScenarioResult r : results) {
            Sampler.Result s = r.samples();
            VnfRecreate.Result v = r.vnf();
            out.printf("%-6d %-6d | %-15s %-15s %-13s | %-7.1f | %-13s %-13s %-13s | %-19s | %-9.0f %-6d %-6d %-5s |"
                    + " %s%n", r.config().pods(), r.config().groups(), p5099(s.create()), p5099(s.relabel()),
                    r.floor() == null ? "-" : p5099(both(r.floor())), perChange(r, null),
                    p5099(s.informerAdded()), p5099(s.informerRunning()), p5099(s.informerRelabel()),
                    median(v.deploymentBack()) + "/" + median(v.podsRunning()) + "/" + median(v.registered()),
                    r.resync().resyncMillis(), r.resync().groupJobs(), r.resync().writes(),
                    r.resync().nbTransactions() < 0 ? "-" : String.valueOf(r.resync().nbTransactions()),
                    (r.problems().isEmpty() && r.resync().completed() ? "ok" : "NO") + ", "
                    + r.config().sdn().option());
        }
        out.println("(latencies in ms, p50/p99; NB floor: a bare client's Port_Group mutation seen by the same monitor,"
                + " with --sdn ovn; SPI/chg: SDN SPI calls per sampled pod change; VNF: median ms to Deployment back /"
                + " replicas running / instances registered; jobs: group jobs, writes: SDN write calls and NB tx:"
                + " northbound transactions during the restart resync)");
    }

    /** @return SPI calls (of one method, or all when null) per sampled change, creates and relabels together */
    private static double perChange(ScenarioResult r, String method) {
        long calls = method == null ? r.sdnCalls().values().stream().mapToLong(Long::longValue).sum()
                : r.sdnCalls().getOrDefault(method, 0L);
        return calls / (2.0 * Math.max(1, r.config().samples()));
    }

    private static void line(PrintStream out, String what, Latencies latencies) {
        Latencies.Summary s = latencies.summary();
        out.printf("  %-52s %-13s %7d %7d%n", what, s.format(), s.count(), s.missed());
    }

    /** @return the floor's additions and removals together */
    private static Latencies both(ScenarioResult.Floor floor) {
        return Latencies.merge(floor.join(), floor.leave());
    }

    private static String p5099(Latencies latencies) {
        Latencies.Summary s = latencies.summary();
        return s.count() == 0 ? "-" : String.format("%.0f/%.0f", s.p50(), s.p99());
    }

    private static String median(Latencies latencies) {
        Latencies.Summary s = latencies.summary();
        return s.count() == 0 ? "-" : String.format("%.0f", s.p50());
    }

    private static String sdn(Map<String, Long> calls, Map<String, Double> millis) {
        StringBuilder b = new StringBuilder();
        calls.forEach((m, n) -> b.append(b.length() == 0 ? "" : ", ").append(m).append(' ').append(n)
                .append(String.format(" (%.0f ms)", millis.getOrDefault(m, 0.0))));
        return b.toString();
    }
}
