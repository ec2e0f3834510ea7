package org.osc.sample.sdn;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample's side of the push channel: the connectors OSC has named, the context OSC handed over, and the
 * delivery of changes to it. The sample keeps one model for all connectors, so every change is reported to
 * every connector seen since the sample started. Thread-safe, and holds no lock while it calls OSC.
 */
final class PushChannel {

    /** Something to report. */
    sealed interface Change permits PortChanged, ElementChanged {
    }

    /**
     * A workload's port appeared, changed or went away.
     *
     * @param workload the pod, with the port's addresses (none when it went away)
     */
    record PortChanged(WorkloadIdentity workload) implements Change {
    }

    /**
     * An element OSC registered was changed or removed by someone else.
     *
     * @param kind port group, inspection port or inspection hook
     * @param id the element's id
     */
    record ElementChanged(ElementKind kind, String id) implements Change {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PushChannel.class);

    private final Map<String, VirtualizationConnectorElement> connectors = new ConcurrentSkipListMap<>();
    private final AtomicReference<SdnNotifications> context = new AtomicReference<>();

    /** Remembers a connector OSC named in a call; the latest element of a name wins. */
    void seen(VirtualizationConnectorElement connector) {
        connectors.put(connector.name(), connector);
    }

    void start(SdnNotifications notifications) {
        context.set(Objects.requireNonNull(notifications, "notifications"));
    }

    void stop() {
        context.set(null);
    }

    /**
     * Reports changes on the current context, if there is a valid one. The context is read again before each
     * call, so nothing reaches a context after {@link #stop()} returned or after another replaced it. Callers
     * must not hold the controller's lock: OSC's side is cheap, but a plugin calling out under its own lock
     * is how deadlocks start once the other side changes.
     */
    void deliver(List<Change> changes) {
        for (VirtualizationConnectorElement connector : connectors.values()) {
            for (Change change : changes) {
                SdnNotifications current = context.get();
                if (current == null) {
                    return;
                }
                if (!current.isValid()) {
                    // OSC let go of the context without telling us (it cannot once our service is gone).
                    context.compareAndSet(current, null);
                    return;
                }
                try {
                    if (change instanceof PortChanged p) {
                        current.workloadPortChanged(connector, p.workload());
                    } else if (change instanceof ElementChanged e) {
                        current.elementChanged(connector, e.kind(), e.id());
                    }
                } catch (RuntimeException e) {
                    // A failing listener must not fail the admin call that made the change; the periodic
                    // resync repairs what OSC missed.
                    LOG.warn("OSC refused a notification for connector {}: {}", connector.name(), change, e);
                }
            }
        }
    }
}
