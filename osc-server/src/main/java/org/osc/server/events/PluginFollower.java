package org.osc.server.events;

import java.util.List;

import org.hibernate.Session;
import org.osc.server.domain.ObjectType;
import org.osc.server.leader.Leadership;
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
 * Reconciles every object that uses a plugin when the plugin arrives or leaves: a plugin installed again (or
 * updated) makes what failed without it converge, and one that left shows up as failed jobs at once, not at the
 * next resync. For an SDN plugin: the security groups and deployment specs of the connectors that name it as
 * their controller, whose remembered ports are forgotten too; for a manager plugin: the manager connectors of
 * its type, their distributed appliances and deployment specs, and the security groups bound to them.
 *
 * <p>The objects are looked up on a thread of its own ({@link Lookups}), so that the framework's thread that
 * delivers the plugin's service is never held by the database.
 */
@Component(immediate = true)
public class PluginFollower implements PluginListener {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFollower.class);

    private final Database database;
    private final PluginRegistry plugins;
    private final ReconcileQueue queue;
    private final PortCache ports;
    private final Lookups lookups = new Lookups("osc-plugin-follower");
    private final Leadership leadership;

    /**
     * Follows the registry's plugins from now on, while this replica leads: a follower reconciles nothing, and a
     * replica that starts leading reconciles every object anyway.
     */
    @Activate
    public PluginFollower(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileQueue queue, @Reference PortCache ports, @Reference Leadership leadership) {
        this.database = database;
        this.plugins = plugins;
        this.queue = queue;
        this.ports = ports;
        this.leadership = leadership;
        plugins.addListener(this);
    }

    /** Follows the registry's plugins from now on, as the single process that always leads (tests). */
    public PluginFollower(Database database, PluginRegistry plugins, ReconcileQueue queue, PortCache ports) {
        this(database, plugins, queue, ports, null);
    }

    /** Stops following. */
    @Deactivate
    public void close() {
        plugins.removeListener(this);
        lookups.close();
    }

    @Override
    public void pluginChanged(PluginInfo plugin, boolean present) {
        if (plugin.type() == PluginType.SDN_CONTROLLER) {
            ports.clear();
        }
        if (leadership != null && !leadership.isLeader()) {
            LOG.debug("Plugin '{}' {}: this replica does not lead, the leader reconciles what uses it",
                    LogSafe.of(plugin.name()), present ? "arrived" : "left");
            return;
        }
        lookups.run("Plugin '" + plugin.name() + "' " + (present ? "arrived" : "left"), () -> follow(plugin, present));
    }

    private void follow(PluginInfo plugin, boolean present) {
        Users users = database.inTransaction(s -> users(s, plugin));
        queue.requestAll(ObjectType.MANAGER_CONNECTOR, users.managerConnectors());
        queue.requestAll(ObjectType.DISTRIBUTED_APPLIANCE, users.appliances());
        queue.requestAll(ObjectType.DEPLOYMENT_SPEC, users.specs());
        queue.requestAll(ObjectType.SECURITY_GROUP, users.groups());
        LOG.info("Plugin '{}' {}: reconciling {} security group(s), {} deployment spec(s), {} distributed "
                + "appliance(s) and {} manager connector(s) that use it", LogSafe.of(plugin.name()),
                present ? "arrived" : "left", users.groups().size(), users.specs().size(),
                users.appliances().size(), users.managerConnectors().size());
    }

    /** The ids of the objects that use a plugin. */
    private record Users(List<Long> groups, List<Long> specs, List<Long> appliances, List<Long> managerConnectors) {
    }

    private static Users users(Session s, PluginInfo plugin) {
        if (plugin.type() == PluginType.SDN_CONTROLLER) {
            return new Users(ids(s, "select g.id from SecurityGroup g "
                    + "where g.virtualizationConnector.controllerType = :p", plugin),
                    ids(s, "select d.id from DeploymentSpec d "
                            + "where d.virtualSystem.virtualizationConnector.controllerType = :p", plugin),
                    List.of(), List.of());
        }
        return new Users(ids(s, "select distinct b.securityGroup.id from SecurityGroupInterface b "
                + "where b.virtualSystem.distributedAppliance.managerConnector.managerType = :p", plugin),
                ids(s, "select d.id from DeploymentSpec d "
                        + "where d.virtualSystem.distributedAppliance.managerConnector.managerType = :p", plugin),
                ids(s, "select a.id from DistributedAppliance a where a.managerConnector.managerType = :p", plugin),
                ids(s, "select m.id from ManagerConnector m where m.managerType = :p", plugin));
    }

    private static List<Long> ids(Session s, String query, PluginInfo plugin) {
        return s.createSelectionQuery(query, Long.class).setParameter("p", plugin.name())
                .getResultList();
    }
}
