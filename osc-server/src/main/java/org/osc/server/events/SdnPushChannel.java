package org.osc.server.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.Session;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.osc.server.domain.ObjectType;
import org.osc.server.log.LogSafe;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginListener;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.plugin.PluginType;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.sg.PortCache;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of the SDN SPI's push channel: every SDN plugin that is also an {@link SdnNotifier} gets a
 * context of its own when it arrives (or when this component starts and finds it present), invalidated when it
 * leaves. What a plugin tells turns into reconcile requests of the owning objects, and nothing else:
 * <ul>
 * <li>a workload's port changed → its remembered port is forgotten and the security groups holding the pod are
 * reconciled (in memory, on the plugin's thread); deployment specs with a VNF instance on that pod too;
 * <li>an element OSC registered was changed by someone else → the security group whose port group or hook it is,
 * or the deployment spec whose inspection port it is and the groups bound to its virtual system.
 * </ul>
 * Lookups in the database run on a thread of this component ({@link Lookups}), never on the plugin's.
 */
@Component(immediate = true)
public class SdnPushChannel implements PluginListener {

    private static final Logger LOG = LoggerFactory.getLogger(SdnPushChannel.class);

    private final Database database;
    private final PluginRegistry plugins;
    private final ReconcileQueue queue;
    private final PortCache ports;
    private final Map<String, Context> contexts = new ConcurrentHashMap<>();
    private final Lookups lookups = new Lookups("osc-sdn-push");

    /** Hands a context to every notifying SDN plugin present now and from now on. */
    @Activate
    public SdnPushChannel(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileQueue queue, @Reference PortCache ports) {
        this.database = database;
        this.plugins = plugins;
        this.queue = queue;
        this.ports = ports;
        plugins.addListener(this);
        plugins.list().stream().filter(p -> p.type() == PluginType.SDN_CONTROLLER)
                .forEach(p -> pluginChanged(p, true));
    }

    /** Invalidates every context and stops listening. */
    @Deactivate
    public void close() {
        plugins.removeListener(this);
        contexts.keySet().forEach(this::stop);
        lookups.close();
    }

    @Override
    public void pluginChanged(PluginInfo plugin, boolean present) {
        if (plugin.type() != PluginType.SDN_CONTROLLER) {
            return;
        }
        stop(plugin.name());
        if (!present) {
            return;
        }
        Optional<SdnControllerApi> service = plugins.sdnController(plugin.name());
        if (service.isPresent() && service.get() instanceof SdnNotifier notifier) {
            Context context = new Context(plugin.name(), notifier);
            contexts.put(plugin.name(), context);
            try {
                notifier.startNotifications(context);
                LOG.info("SDN plugin '{}' pushes its changes to OSC", LogSafe.of(plugin.name()));
            } catch (RuntimeException e) {
                LOG.warn("SDN plugin '{}' refused the notification context: {}", LogSafe.of(plugin.name()),
                        LogSafe.of(e.getMessage()));
            }
        }
    }

    private void stop(String plugin) {
        Context context = contexts.remove(plugin);
        if (context != null) {
            context.valid = false;
            try {
                context.notifier.stopNotifications();
            } catch (RuntimeException e) {
                // the context is invalid whatever the plugin does; its failure is worth a line, not more
                LOG.warn("SDN plugin '{}' failed to stop its notifications: {}", LogSafe.of(plugin),
                        LogSafe.of(e.getMessage()));
            }
        }
    }

    /** The context one plugin holds; ignores everything once invalid. */
    private final class Context implements SdnNotifications {

        private final String plugin;
        private final SdnNotifier notifier;
        private volatile boolean valid = true;

        Context(String plugin, SdnNotifier notifier) {
            this.plugin = plugin;
            this.notifier = notifier;
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public void workloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload) {
            if (!valid || connector == null || workload == null) {
                return;
            }
            queue.requestAll(ObjectType.SECURITY_GROUP,
                    ports.portChanged(connector.name(), workload.namespace(), workload.name(), workload.uid()));
            lookups.run("A port change pushed by SDN plugin '" + plugin + "'", () -> queue.requestAll(
                    ObjectType.DEPLOYMENT_SPEC, database.inTransaction(s -> vnfSpecs(s, connector.name(), workload))));
        }

        @Override
        public void elementChanged(VirtualizationConnectorElement connector, ElementKind kind, String elementId) {
            if (!valid || connector == null || kind == null || elementId == null) {
                return;
            }
            lookups.run("A change of " + kind + " " + elementId + " pushed by SDN plugin '" + plugin + "'",
                    () -> database.run(s -> owners(s, connector.name(), kind, elementId)));
        }
    }

    private static List<Long> vnfSpecs(Session s, String connector, WorkloadIdentity pod) {
        return s.createSelectionQuery("select distinct i.deploymentSpec.id from DistributedApplianceInstance i "
                + "where i.deploymentSpec.virtualSystem.virtualizationConnector.name = :vc "
                + "and (i.podUid = :uid or (i.namespace = :ns and i.name = :name))", Long.class)
                .setParameter("vc", connector).setParameter("uid", pod.uid()).setParameter("ns", pod.namespace())
                .setParameter("name", pod.name()).getResultList();
    }

    private void owners(Session s, String connector, ElementKind kind, String id) {
        switch (kind) {
            case PORT_GROUP -> queue.requestAll(ObjectType.SECURITY_GROUP, s.createSelectionQuery(
                    "select g.id from SecurityGroup g where g.portGroupId = :id "
                            + "and g.virtualizationConnector.name = :vc", Long.class)
                    .setParameter("id", id).setParameter("vc", connector).getResultList());
            case INSPECTION_HOOK -> queue.requestAll(ObjectType.SECURITY_GROUP, s.createSelectionQuery(
                    "select b.securityGroup.id from SecurityGroupInterface b where b.inspectionHookId = :id "
                            + "and b.securityGroup.virtualizationConnector.name = :vc", Long.class)
                    .setParameter("id", id).setParameter("vc", connector).getResultList());
            case INSPECTION_PORT -> {
                queue.requestAll(ObjectType.DEPLOYMENT_SPEC, s.createSelectionQuery(
                        "select distinct i.deploymentSpec.id from DistributedApplianceInstance i "
                                + "where i.inspectionPortId = :id", Long.class)
                        .setParameter("id", id).getResultList());
                queue.requestAll(ObjectType.SECURITY_GROUP, s.createSelectionQuery(
                        "select distinct b.securityGroup.id from SecurityGroupInterface b, "
                                + "DistributedApplianceInstance i where i.inspectionPortId = :id "
                                + "and b.virtualSystem = i.deploymentSpec.virtualSystem", Long.class)
                        .setParameter("id", id).getResultList());
            }
            default -> LOG.debug("Ignoring a change of {} {} on '{}': OSC registers no such element", kind,
                    LogSafe.of(id), LogSafe.of(connector));
        }
    }
}
