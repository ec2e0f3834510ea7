package org.osc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osc.bench.ovn.NbMonitor;

/**
 * A server restart with nothing changed meanwhile: OSC is closed (informers stopped, running jobs finished,
 * database closed) and a new one opened over the same database, cluster and plugin state, which does what the
 * server does at start: follow the connector and reconcile every security group, then every group again once the
 * pod informer has synced (the platform's resync report), and every deployment spec once the Deployment informer
 * has. Measured: the time to open, the time from the start-up resync request to the last group reconcile job
 * completed (once both informer resyncs were reported and OSC is quiet), and every SDN write meanwhile.
 *
 * @param closeMillis closing the old side
 * @param openMillis opening the database and wiring the new side
 * @param resyncMillis start-up resync request to the last group job completed
 * @param informerSyncMillis start-up resync request to the pod informer's resync report
 * @param groupJobs group reconcile jobs the new side completed
 * @param failedJobs jobs of any kind that failed
 * @param sdnWrites SPI write calls by method
 * @param sdnCalls all SPI calls
 * @param pluginChanges changes the sample SDN controller itself counted (its model changed)
 * @param managerChanges changes the sample manager counted
 * @param nbTransactions with a real northbound database: the transactions that changed a row of it, from just
 *        before the close until OSC was quiet again, as its independent monitor saw them (-1 without one)
 * @param nbRows the rows those transactions changed (-1 without a northbound database)
 * @param writeLog the SDN write calls, one line each, and the northbound rows changed, for the reader
 * @param completed whether everything happened before the timeout
 */
record RestartResync(double closeMillis, double openMillis, double resyncMillis, double informerSyncMillis,
        int groupJobs, int failedJobs, Map<String, Long> sdnWrites, long sdnCalls, long pluginChanges,
        long managerChanges, long nbTransactions, long nbRows, List<String> writeLog, boolean completed) {

    private static final Duration WAIT = Duration.ofMinutes(10);

    /** @return SPI write calls in all */
    long writes() {
        return sdnWrites.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Closes {@code old}, opens a new side with {@code reopen} and measures its start-up resync.
     *
     * @param counters the plugins' own change counters of the side now open (sample SDN + manager)
     * @param nb the independent monitor of the northbound database, or null when there is none
     */
    static RestartResync run(OscSide old, Supplier<OscSide> reopen, SdnLog log, Supplier<long[]> counters,
            OscSide[] opened, NbMonitor nb) throws InterruptedException {
        NbMonitor.Counts nbBefore = nb == null ? null : nb.counts();
        long writesBefore = log.writeSequence();
        long t0 = System.nanoTime();
        old.close();
        long t1 = System.nanoTime();
        OscSide osc = reopen.get();
        opened[0] = osc;
        long t2 = System.nanoTime();
        Map<String, Long> callsBefore = log.calls();
        long[] before = counters.get();
        long follow = System.nanoTime();
        osc.follow();
        boolean synced = Waits.until(WAIT, () -> osc.podsResynced.get() != 0 && osc.deploymentsResynced.get() != 0);
        boolean quiet = synced && Waits.quiet(osc, WAIT);
        long[] after = counters.get();
        NbMonitor.Counts nbAfter = nb == null ? null : nb.counts();
        List<String> writes = new ArrayList<>(log.writesSince(writesBefore));
        if (nb != null) {
            writes.addAll(nb.changesSince(nbBefore.transactions()));
        }
        Map<String, Long> callsAfter = log.calls();
        long calls = callsAfter.values().stream().mapToLong(Long::longValue).sum()
                - callsBefore.values().stream().mapToLong(Long::longValue).sum();
        return new RestartResync((t1 - t0) / 1e6, (t2 - t1) / 1e6, (osc.lastGroupJob.get() - follow) / 1e6,
                (osc.podsResynced.get() - follow) / 1e6, osc.groupJobs.get(), osc.failedJobs.get(),
                log.writesSince(callsBefore), calls, after[0] - before[0], after[1] - before[1],
                nb == null ? -1 : nbAfter.transactions() - nbBefore.transactions(),
                nb == null ? -1 : nbAfter.rows() - nbBefore.rows(), writes, quiet);
    }
}
