package org.osc.server.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osc.sdn.api.element.FailurePolicy;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.plugin.PluginInfo;

/**
 * What the state gauges show, read in one go: a handful of counting queries (each an aggregate over one table,
 * no rows loaded) and the plugin registry's list.
 *
 * @param securityGroups security groups stored (including those being deleted)
 * @param protectedPods distinct pods in some group's port group (a pod with an SDN port)
 * @param hooks bindings with an inspection hook, by failure policy (NA, FAIL_OPEN, FAIL_CLOSE)
 * @param vnfReady VNF instances ready to inspect: registered (inspection ready) and their pod ready
 * @param vnfNotReady the other VNF instances not being removed
 * @param jobs jobs by state: QUEUED, RUNNING, or for a completed job its status (PASSED, FAILED, ABORTED)
 * @param plugins plugins present, by type and state
 */
record StateSnapshot(long securityGroups, long protectedPods, Map<String, Long> hooks, long vnfReady,
        long vnfNotReady, Map<String, Long> jobs, Map<List<String>, Long> plugins) {

    /** Reads the database's part over the connection and counts the plugins. */
    static StateSnapshot read(Connection connection, List<PluginInfo> present) throws SQLException {
        long groups = count(connection, "SELECT COUNT(*) FROM security_group");
        long pods = count(connection,
                "SELECT COUNT(DISTINCT pod_uid) FROM security_group_pod WHERE port_id IS NOT NULL");
        Map<String, Long> hooks = grouped(connection, zeros(FailurePolicy.values()),
                "SELECT failure_policy, COUNT(*) FROM security_group_interface"
                        + " WHERE inspection_hook_id IS NOT NULL GROUP BY failure_policy");
        long ready = count(connection, "SELECT COUNT(*) FROM distributed_appliance_instance WHERE"
                + " marked_for_deletion = FALSE AND inspection_ready = TRUE AND pod_ready = TRUE");
        long all = count(connection,
                "SELECT COUNT(*) FROM distributed_appliance_instance WHERE marked_for_deletion = FALSE");
        // GAP: nothing prunes the job table yet, so this count reads every job ever run (one aggregate, at most
        // once per 5 s): with millions of jobs it costs a scan per read; count from the job engine's events or prune.
        Map<String, Long> jobs = grouped(connection, zeros(JobState.QUEUED, JobState.RUNNING, JobStatus.PASSED,
                JobStatus.FAILED, JobStatus.ABORTED), "SELECT CASE WHEN state = 'COMPLETED' THEN status ELSE state END,"
                + " COUNT(*) FROM job GROUP BY state, status");
        Map<List<String>, Long> plugins = new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
        for (PluginInfo plugin : present) {
            plugins.merge(List.of(plugin.type().name(), plugin.state()), 1L, Long::sum);
        }
        return new StateSnapshot(groups, pods, hooks, ready, all - ready, jobs, plugins);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** @return a zero for each value: a series shown before anything is counted in it, so rates exist */
    private static Map<String, Long> zeros(Enum<?>... values) {
        Map<String, Long> counts = new TreeMap<>();
        for (Enum<?> value : values) {
            counts.put(value.name(), 0L);
        }
        return counts;
    }

    private static Map<String, Long> grouped(Connection connection, Map<String, Long> counts, String sql)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.merge(String.valueOf(rows.getString(1)), rows.getLong(2), Long::sum);
            }
        }
        return counts;
    }
}
