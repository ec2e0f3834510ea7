package org.osc.server.metrics;

import java.util.function.BooleanSupplier;

import org.osc.server.leader.internal.ElectionEvents;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

/**
 * Who leads: {@code osc_leader{identity}} (1 on the leader, 0 on every other replica; read when scraped, so a
 * replica that lost its lease while paused says 0 as soon as it runs again) and
 * {@code osc_leader_transitions_total} (how many times this replica started or stopped leading).
 */
public final class LeaderMetrics implements ElectionEvents, AutoCloseable {

    private static final Counter TRANSITIONS = Counter.builder().name("osc_leader_transitions_total")
            .help("Times this replica started or stopped leading").withoutExemplars().register(OscMetrics.REGISTRY);

    private final GaugeWithCallback leader;

    /**
     * Registers the gauge of this replica.
     *
     * @param identity this replica's identity in the election
     * @param leads whether it leads now
     */
    public LeaderMetrics(String identity, BooleanSupplier leads) {
        TRANSITIONS.inc(0);
        leader = GaugeWithCallback.builder().name("osc_leader")
                .help("1 when this replica leads (runs the controller loops and plugin calls), else 0")
                .labelNames("identity").callback(c -> c.call(leads.getAsBoolean() ? 1 : 0, identity)).build();
        OscMetrics.REGISTRY.register(leader);
    }

    @Override
    public void startedLeading(String identity) {
        TRANSITIONS.inc();
    }

    @Override
    public void stoppedLeading(String identity) {
        TRANSITIONS.inc();
    }

    /** Unregisters the gauge. */
    @Override
    public void close() {
        OscMetrics.REGISTRY.unregister(leader);
    }
}
