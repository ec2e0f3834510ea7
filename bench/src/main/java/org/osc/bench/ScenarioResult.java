package org.osc.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one scenario measured.
 *
 * @param config the scenario
 * @param podCreateSeconds creating the workload pods
 * @param podsRunningSeconds creating them until the informer saw every one running with an IP
 * @param setupSeconds from OSC's start (groups, appliance, VNF, bindings created) until it was quiet and right
 * @param samples the membership and informer latencies
 * @param sdnCalls SPI calls during the sampling, by method
 * @param sdnMillis time inside the plugin during the sampling, by method
 * @param vnf VNF recreate latencies
 * @param resync the restart
 * @param problems what the verifications found wrong, by phase; empty when all is right
 * @param failedJobs jobs that failed, over both OSC lives
 * @param lastFailure the reason of the last one
 * @param loadDuringSampling the machine's load averages (1, 5, 15 min) right after the sampling, for context
 * @param floor with a real northbound database, the floor of the same run; else null
 */
record ScenarioResult(BenchConfig config, double podCreateSeconds, double podsRunningSeconds, double setupSeconds,
        Sampler.Result samples, Map<String, Long> sdnCalls, Map<String, Double> sdnMillis, VnfRecreate.Result vnf,
        RestartResync resync, List<String> problems, int failedJobs, String lastFailure, String loadDuringSampling,
        Floor floor) {

    /**
     * The northbound floor of a run: a bare client's mutation of a port group's ports, seen by the same monitor
     * that times OSC's changes.
     *
     * @param join a port added
     * @param leave a port removed
     * @param groupSize the floor port group's size
     * @param cni what the CNI wrote: transactions and failures
     */
    record Floor(Latencies join, Latencies leave, int groupSize, String cni) {
    }
}
