package org.osc.server.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.Collector;

/**
 * The gauges of OSC's state, computed when scraped: security groups, protected pods, inspection hooks by failure
 * policy, VNF instances ready and not ready, jobs by state, plugins by type and state. The database part is a few
 * aggregate queries, cached for {@link #MAX_AGE_NANOS} so that several scrapers (or a scrape storm) cost one read;
 * when the database does not answer, the last values read are shown (none before the first read).
 */
@Component(immediate = true)
public class StateGauges {

    /** How long one read of the state serves scrapes. */
    static final long MAX_AGE_NANOS = 5_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(StateGauges.class);

    private final Database database;
    private final PluginRegistry plugins;
    private final List<Collector> gauges;
    // guarded by this
    private StateSnapshot last;
    private long readAt;

    /** Registers the gauges in {@link OscMetrics#REGISTRY}. */
    @Activate
    public StateGauges(@Reference Database database, @Reference PluginRegistry plugins) {
        this.database = database;
        this.plugins = plugins;
        this.gauges = List.of(
                gauge("osc_security_groups", "Security groups stored", s -> Map.of(List.of(), s.securityGroups())),
                gauge("osc_protected_pods", "Distinct pods in some security group's port group (with an SDN port)",
                        s -> Map.of(List.of(), s.protectedPods())),
                gauge("osc_inspection_hooks", "Bindings with an SDN inspection hook, by failure policy",
                        s -> byOne(s.hooks()), "failure_policy"),
                gauge("osc_vnf_instances", "VNF instances (distributed appliance instances) not being removed, by"
                        + " whether they can inspect: registered and their pod ready",
                        s -> Map.of(List.of("true"), s.vnfReady(), List.of("false"), s.vnfNotReady()), "ready"),
                gauge("osc_jobs", "Jobs stored, by state (QUEUED, RUNNING, or a completed job's PASSED, FAILED,"
                        + " ABORTED)", s -> byOne(s.jobs()), "state"),
                gauge("osc_plugins", "Plugins present, by type and state", StateSnapshot::plugins, "type", "state"));
        gauges.forEach(OscMetrics.REGISTRY::register);
    }

    @Deactivate
    void deactivate() {
        gauges.forEach(OscMetrics.REGISTRY::unregister);
    }

    private GaugeWithCallback gauge(String name, String help, Function<StateSnapshot, Map<List<String>, Long>> values,
            String... labels) {
        return GaugeWithCallback.builder().name(name).help(help).labelNames(labels).callback(callback -> {
            StateSnapshot state = state();
            if (state != null) {
                values.apply(state).forEach((labelValues, value) ->
                        callback.call(value, labelValues.toArray(String[]::new)));
            }
        }).build();
    }

    private static Map<List<String>, Long> byOne(Map<String, Long> counts) {
        Map<List<String>, Long> values = new LinkedHashMap<>();
        counts.forEach((label, value) -> values.put(List.of(label), value));
        return values;
    }

    /** @return the state read at most {@link #MAX_AGE_NANOS} ago, or the last one when a read fails */
    synchronized StateSnapshot state() {
        long now = System.nanoTime();
        if (last == null || now - readAt > MAX_AGE_NANOS) {
            try {
                last = database.read(session -> session.doReturningWork(
                        connection -> StateSnapshot.read(connection, plugins.list())));
                readAt = now;
            } catch (RuntimeException e) {
                LOG.debug("State gauges not read: {}", e.getMessage());
                readAt = now; // try again after the same interval, not on every scrape while the database is out
            }
        }
        return last;
    }
}
