package org.osc.ovn.sdn;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.osc.ovn.sdn.nb.ControllerSettings;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's side of the push channel: the context OSC handed over, and which connectors name each database
 * (every connector seen on a database is told of that database's changes). Thread-safe; never holds a lock
 * while it calls OSC.
 */
final class PushChannel {

    private static final Logger LOG = LoggerFactory.getLogger(PushChannel.class);

    private final Map<ControllerSettings, Map<String, VirtualizationConnectorElement>> connectors =
            new ConcurrentHashMap<>();
    private final AtomicReference<SdnNotifications> context = new AtomicReference<>();

    /** Remembers that a connector uses a database; the latest element of a name wins. */
    void seen(ControllerSettings settings, VirtualizationConnectorElement connector) {
        connectors.computeIfAbsent(settings.database(), k -> new ConcurrentHashMap<>())
                .put(connector.name(), connector);
    }

    void start(SdnNotifications notifications) {
        context.set(Objects.requireNonNull(notifications, "notifications"));
    }

    void stop() {
        context.set(null);
    }

    /** Reports a workload port's change to every connector of the database. */
    void workloadPortChanged(ControllerSettings settings, String namespace, String pod, String uid,
            List<String> ips) {
        WorkloadIdentity workload = new WorkloadIdentity(namespace, pod, uid, ips);
        deliver(settings, (c, n) -> n.workloadPortChanged(c, workload), workload.qualifiedName());
    }

    /** Reports an element changed behind OSC's back to every connector of the database. */
    void elementChanged(ControllerSettings settings, ElementKind kind, String id) {
        deliver(settings, (c, n) -> n.elementChanged(c, kind, id), kind + " " + id);
    }

    /** A call on OSC's context. */
    private interface Call {
        void on(VirtualizationConnectorElement connector, SdnNotifications notifications);
    }

    private void deliver(ControllerSettings settings, Call call, String what) {
        Map<String, VirtualizationConnectorElement> named = connectors.get(settings.database());
        if (named == null) {
            return;
        }
        for (VirtualizationConnectorElement connector : named.values()) {
            SdnNotifications current = context.get();
            if (current == null) {
                return;
            }
            if (!current.isValid()) {
                context.compareAndSet(current, null);
                return;
            }
            try {
                call.on(connector, current);
            } catch (RuntimeException e) {
                LOG.warn("OSC refused a notification for connector {} ({})", connector.name(), what, e);
            }
        }
    }
}
