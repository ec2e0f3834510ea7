package org.osc.server.mc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.ObjectType;
import org.osc.server.job.TaskContext;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileContext;
import org.osc.server.reconcile.Reconciler;
import org.osc.server.reconcile.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reconciles a manager connector: checks that the manager accepts the connector, then reads its domains and
 * policies into the database (adding, renaming and removing rows to match). The manager holds nothing on a
 * connector's behalf, so there is nothing to apply there and nothing to clean on delete.
 */
@Component(service = Reconciler.class)
public class ManagerConnectorReconciler implements Reconciler {

    private final Database database;
    private final PluginRegistry plugins;

    /** A reconciler reading connectors from the database and calling their manager plugins. */
    @Activate
    public ManagerConnectorReconciler(@Reference Database database, @Reference PluginRegistry plugins) {
        this.database = database;
        this.plugins = plugins;
    }

    @Override
    public ObjectType type() {
        return ObjectType.MANAGER_CONNECTOR;
    }

    @Override
    public Optional<Description> describe(long id) {
        return database.inTransaction(s -> Optional.ofNullable(s.find(ManagerConnector.class, id))
                .map(c -> new Description("Sync manager connector '" + c.getName() + "'")));
    }

    @Override
    public Result reconcile(long id, ReconcileContext job) throws Exception {
        ManagerTarget target = database.inTransaction(s -> Optional.ofNullable(s.find(ManagerConnector.class, id))
                .map(ManagerTarget::of).orElse(null));
        if (target == null) {
            return Result.done(); // removed meanwhile
        }
        String label = "manager connector '" + target.connectorName() + "'";
        job.step("Check connection to " + label, ctx -> checkConnection(id, target, ctx));
        job.step("Read domains and policies of " + label, ctx -> readDomains(id, target, ctx));
        return Result.done();
    }

    private void checkConnection(long id, ManagerTarget target, TaskContext ctx) throws ManagerFailure {
        ApplianceManagerApi manager = target.plugin(plugins);
        try {
            manager.checkConnection(target.element());
        } catch (ManagerException e) {
            throw target.failure(e, plugins);
        }
        ctx.addObject(ObjectType.MANAGER_CONNECTOR.ref(id));
        ctx.status("Manager of connector '" + target.connectorName() + "' accepted the connection");
    }

    private void readDomains(long id, ManagerTarget target, TaskContext ctx) throws ManagerFailure {
        Map<String, DomainStore.Read> read = new LinkedHashMap<>();
        try (ManagerDomainApi domains = target.plugin(plugins).createDomainApi(target.element())) {
            for (DomainElement domain : domains.listDomains()) {
                List<PolicyElement> policies = new ArrayList<>();
                try {
                    Map<String, PolicyElement> unique = new LinkedHashMap<>();
                    domains.listPolicies(domain.id()).forEach(p -> unique.putIfAbsent(p.id(), p));
                    policies.addAll(unique.values());
                } catch (ManagerObjectNotFoundException e) {
                    // Deleted on the manager between the two calls: it is gone, like any domain not listed.
                    continue;
                }
                read.putIfAbsent(domain.id(), new DomainStore.Read(domain, policies));
            }
        } catch (ManagerException e) {
            throw target.failure(e, plugins);
        }
        DomainStore.Changes changes = database.inTransaction(s -> DomainStore.replace(s, id, read));
        ctx.addObject(ObjectType.MANAGER_CONNECTOR.ref(id));
        ctx.status("Read " + read.size() + " domain(s) of '" + target.connectorName() + "': " + changes.domains()
                + " domain and " + changes.policies() + " policy row(s) changed");
    }
}
