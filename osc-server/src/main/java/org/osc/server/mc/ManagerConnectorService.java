package org.osc.server.mc;

import java.util.List;

import org.hibernate.Session;
import org.osc.api.manager.AuthenticationType;
import org.osc.server.domain.Columns;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.ManagerDomain;
import org.osc.server.domain.ObjectType;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.plugin.PluginType;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.summary.LastJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Manager connectors: validation against the manager plugin's capabilities, storage, their view without
 * secrets, and the domains read from the manager. Every create, update and sync starts the connector's
 * reconcile, which checks the connection and reads domains and policies.
 */
@Component(service = ManagerConnectorService.class)
public class ManagerConnectorService {

    /** The capability naming which credential a connector needs (prefix {@code osc.manager.} stripped). */
    static final String AUTHENTICATION_TYPE = "authenticationType";

    private final Database database;
    private final PluginRegistry plugins;
    private final ReconcileService reconcile;
    private final LastJobs lastJobs;

    /** A service over the database, checking plugins in the registry, reconciling through the service. */
    @Activate
    public ManagerConnectorService(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileService reconcile) {
        this.database = database;
        this.plugins = plugins;
        this.reconcile = reconcile;
        this.lastJobs = new LastJobs(reconcile);
    }

    /** @return every connector, by id */
    public List<ManagerConnectorBody> list() {
        return database.read(s -> lastJobs.views(s, ObjectType.MANAGER_CONNECTOR,
                s.createSelectionQuery("from ManagerConnector order by id", ManagerConnector.class).getResultList(),
                ManagerConnector::getId, ManagerConnectorService::view));
    }

    /** @return one connector; NotFoundException otherwise */
    public ManagerConnectorBody get(long id) {
        return database.read(s -> view(find(s, id), lastJobs.of(s, ObjectType.MANAGER_CONNECTOR, id)));
    }

    /** Validates and stores a new connector, then starts its reconcile. */
    public JobStarted create(ManagerConnectorBody body) {
        long id = database.inTransaction(session -> {
            validate(body, null);
            requireUniqueName(session, body.name(), null);
            ManagerConnector connector = new ManagerConnector();
            apply(connector, body);
            session.persist(connector);
            return connector.getId();
        });
        return new JobStarted(id, sync(id));
    }

    /** Replaces a connector's fields (secrets left out are kept), then starts its reconcile. */
    public JobStarted update(long id, ManagerConnectorBody body) {
        database.run(session -> {
            ManagerConnector connector = find(session, id);
            validate(body, connector);
            requireUniqueName(session, body.name(), id);
            long users = appliancesUsing(session, connector);
            if (users > 0 && !connector.getManagerType().equals(body.managerType())) {
                // Their devices live on the old manager; OSC would lose track of them.
                throw new ConflictException("managerType", "The manager type of manager connector '"
                        + connector.getName() + "' cannot change while " + users
                        + " distributed appliance(s) use it");
            }
            apply(connector, body);
        });
        return new JobStarted(id, sync(id));
    }

    /**
     * Deletes a connector no distributed appliance uses, with the domains read from it. Nothing lives on the
     * manager on the connector's behalf, so there is nothing to clean there.
     */
    public void delete(long id) {
        database.run(session -> {
            ManagerConnector connector = find(session, id);
            long users = appliancesUsing(session, connector);
            if (users > 0) {
                throw new ConflictException("Manager connector '" + connector.getName() + "' is still used by "
                        + users + " distributed appliance(s)");
            }
            session.createMutationQuery("delete from ManagerPolicy p where p.domain in "
                    + "(select d from ManagerDomain d where d.managerConnector = :mc)")
                    .setParameter("mc", connector).executeUpdate();
            session.createMutationQuery("delete from ManagerDomain d where d.managerConnector = :mc")
                    .setParameter("mc", connector).executeUpdate();
            session.remove(connector);
        });
    }

    /** Starts (or joins) the reconcile of an existing connector; returns the job id. */
    public long sync(long id) {
        database.run(session -> find(session, id));
        return reconcile.reconcile(ObjectType.MANAGER_CONNECTOR, id);
    }

    /** @return the connector's domains with their policies, as last read from the manager */
    public List<ManagerDomainBody> domains(long id) {
        return database.inTransaction(session -> {
            ManagerConnector connector = find(session, id);
            return session.createSelectionQuery("from ManagerDomain d where d.managerConnector = :mc order by d.name",
                    ManagerDomain.class).setParameter("mc", connector).getResultList().stream()
                    .map(d -> new ManagerDomainBody(d.getDomainId(), d.getName(), d.getPolicies().stream()
                            .map(p -> new ManagerDomainBody.Policy(p.getPolicyId(), p.getName())).toList()))
                    .toList();
        });
    }

    /** @return the connector; NotFoundException otherwise (for other services in the same transaction) */
    public static ManagerConnector find(Session session, long id) {
        ManagerConnector connector = session.find(ManagerConnector.class, id);
        if (connector == null) {
            throw new NotFoundException("Manager connector " + id);
        }
        return connector;
    }

    private void validate(ManagerConnectorBody body, ManagerConnector existing) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("name", body.name(), Columns.NAME)
                .text("managerType", body.managerType(), Columns.NAME).text("ipAddress", body.ipAddress(), Columns.URL)
                .optionalText("username", body.username(), Columns.NAME)
                .secret("password", body.password(), Columns.PASSWORD).secret("apiKey", body.apiKey(), Columns.API_KEY);
        // Which credential is needed depends on the plugin; check the plugin first when it is there.
        PluginInfo plugin = checks.has("managerType") ? null : plugins.find(body.managerType()).orElse(null);
        AuthenticationType auth = plugin == null ? AuthenticationType.PASSWORD : authenticationType(plugin);
        if (auth == AuthenticationType.API_KEY) {
            checks.require(present(body.apiKey()) || (existing != null && body.apiKey() == null
                    && present(existing.getApiKey())), "apiKey", "is required by manager type '"
                    + body.managerType() + "'");
        } else {
            checks.require(present(body.username()), "username", "is required with a password");
            checks.require(present(body.password()) || (existing != null && body.password() == null
                    && present(existing.getPassword())), "password", "is required by manager type '"
                    + body.managerType() + "'");
        }
        checks.done();
        if (plugin == null) {
            throw new UnprocessableException("managerType", "Manager plugin '" + body.managerType()
                    + "' is not installed");
        }
        if (plugin.type() != PluginType.MANAGER) {
            throw new UnprocessableException("managerType", "Plugin '" + body.managerType() + "' is a "
                    + plugin.type() + " plugin, not a security manager");
        }
    }

    private static AuthenticationType authenticationType(PluginInfo plugin) {
        Object value = plugin.capabilities().get(AUTHENTICATION_TYPE);
        return AuthenticationType.API_KEY.name().equals(value) ? AuthenticationType.API_KEY
                : AuthenticationType.PASSWORD;
    }

    private void apply(ManagerConnector connector, ManagerConnectorBody body) {
        boolean apiKey = plugins.find(body.managerType()).map(ManagerConnectorService::authenticationType)
                .orElse(AuthenticationType.PASSWORD) == AuthenticationType.API_KEY;
        connector.setName(body.name().trim());
        connector.setManagerType(body.managerType());
        connector.setIpAddress(body.ipAddress().trim());
        connector.setUsername(present(body.username()) ? body.username() : null);
        // Keep only the credential the manager type uses, so a switched type leaves no stale secret behind.
        if (apiKey) {
            connector.setApiKey(present(body.apiKey()) ? body.apiKey() : connector.getApiKey());
            connector.setPassword(null);
        } else {
            connector.setPassword(present(body.password()) ? body.password() : connector.getPassword());
            connector.setApiKey(null);
        }
    }

    private static ManagerConnectorBody view(ManagerConnector connector, LastJob last) {
        return new ManagerConnectorBody(connector.getId(), connector.getName(), connector.getManagerType(),
                connector.getIpAddress(), connector.getUsername(), null, null, last.lastJobId(), last.lastJobState(),
                last.lastJobStatus(), last.nextRetryAt());
    }

    private static long appliancesUsing(Session session, ManagerConnector connector) {
        return session.createSelectionQuery(
                "select count(a) from DistributedAppliance a where a.managerConnector = :mc", Long.class)
                .setParameter("mc", connector).getSingleResult();
    }

    private static void requireUniqueName(Session session, String name, Long self) {
        List<Long> ids = session.createSelectionQuery("select m.id from ManagerConnector m where m.name = :n",
                Long.class).setParameter("n", name.trim()).getResultList();
        if (ids.stream().anyMatch(id -> !id.equals(self))) {
            throw new ConflictException("name", "A manager connector named '" + name.trim() + "' already exists");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
