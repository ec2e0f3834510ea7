package org.osc.server.vc;

import java.util.List;

import org.hibernate.Session;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.persistence.Database;
import org.osc.server.platform.ConnectorInfo;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.plugin.PluginType;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Virtualization connectors: validation, storage, and their view without secrets. */
@Component(service = VirtualizationConnectorService.class)
public class VirtualizationConnectorService {

    /** The one connector type there is. */
    public static final String KUBERNETES = "KUBERNETES";

    private final Database database;
    private final PluginRegistry plugins;
    private final ReconcileService reconcile;

    /** A service over the database, checking plugins in the registry. */
    @Activate
    public VirtualizationConnectorService(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileService reconcile) {
        this.database = database;
        this.plugins = plugins;
        this.reconcile = reconcile;
    }

    /** @return every connector, by id */
    public List<VirtualizationConnectorBody> list() {
        return database.inTransaction(s -> s.createSelectionQuery("from VirtualizationConnector order by id",
                VirtualizationConnector.class).getResultList().stream().map(this::view).toList());
    }

    /** @return one connector; NotFoundException otherwise */
    public VirtualizationConnectorBody get(long id) {
        return database.inTransaction(s -> view(find(s, id)));
    }

    /** @return what a platform needs to reach the connector's cluster (with its secrets) */
    public ConnectorInfo connectorInfo(long id) {
        return database.inTransaction(s -> info(find(s, id)));
    }

    /** Validates and stores a new connector; returns its id. */
    public long create(VirtualizationConnectorBody body) {
        validate(body, null);
        return database.inTransaction(session -> {
            requireUniqueName(session, body.name(), null);
            VirtualizationConnector vc = new VirtualizationConnector();
            apply(vc, body);
            session.persist(vc);
            return vc.getId();
        });
    }

    /** Replaces a connector's fields (secrets left out are kept). */
    public void update(long id, VirtualizationConnectorBody body) {
        database.run(session -> {
            VirtualizationConnector vc = find(session, id);
            validate(body, vc);
            requireUniqueName(session, body.name(), id);
            apply(vc, body);
        });
    }

    /** Deletes a connector nothing refers to; ConflictException when security groups or appliances use it. */
    public void delete(long id) {
        database.run(session -> {
            VirtualizationConnector vc = find(session, id);
            long groups = count(session, "select count(g) from SecurityGroup g where g.virtualizationConnector = :vc", vc);
            long systems = count(session, "select count(v) from VirtualSystem v where v.virtualizationConnector = :vc", vc);
            if (groups + systems > 0) {
                throw new ConflictException("Virtualization connector '" + vc.getName() + "' is still used by "
                        + groups + " security group(s) and " + systems + " virtual system(s)");
            }
            session.remove(vc);
        });
    }

    /** @return the connector; NotFoundException otherwise (for other services in the same transaction) */
    public static VirtualizationConnector find(Session session, long id) {
        VirtualizationConnector vc = session.find(VirtualizationConnector.class, id);
        if (vc == null) {
            throw new NotFoundException("Virtualization connector " + id);
        }
        return vc;
    }

    /** @return the platform view of a connector */
    public static ConnectorInfo info(VirtualizationConnector vc) {
        return new ConnectorInfo(vc.getId(), vc.getName(), vc.getKubeconfig(), vc.getContext(),
                vc.getApiServerUrl(), vc.getToken(), vc.getCaCertificate(), vc.isInCluster());
    }

    private void validate(VirtualizationConnectorBody body, VirtualizationConnector existing) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("name", body.name(), 255).text("controllerType", body.controllerType(), 255);
        checks.require(body.type() == null || KUBERNETES.equals(body.type()), "type", "must be KUBERNETES");
        boolean kubeconfig = present(body.kubeconfig()) || (existing != null && body.kubeconfig() == null
                && present(existing.getKubeconfig()) && !present(body.apiServerUrl())
                && !Boolean.TRUE.equals(body.inCluster()));
        boolean url = present(body.apiServerUrl());
        boolean inCluster = Boolean.TRUE.equals(body.inCluster());
        int ways = (kubeconfig ? 1 : 0) + (url ? 1 : 0) + (inCluster ? 1 : 0);
        checks.require(ways == 1, "kubeconfig",
                "give exactly one way to connect: kubeconfig, apiServerUrl with token, or inCluster=true");
        if (url) {
            boolean token = present(body.token()) || (existing != null && present(existing.getToken()));
            checks.require(token, "token", "is required with apiServerUrl");
            checks.require(body.apiServerUrl().startsWith("https://") || body.apiServerUrl().startsWith("http://"),
                    "apiServerUrl", "must be an http(s) URL");
        }
        checks.require(body.context() == null || kubeconfig, "context", "only applies with a kubeconfig");
        checks.done();
        PluginInfo plugin = plugins.find(body.controllerType()).orElseThrow(() -> new UnprocessableException(
                "controllerType", "SDN plugin '" + body.controllerType() + "' is not installed"));
        if (plugin.type() != PluginType.SDN_CONTROLLER) {
            throw new UnprocessableException("controllerType", "Plugin '" + body.controllerType()
                    + "' is a " + plugin.type() + " plugin, not an SDN controller");
        }
    }

    private static void apply(VirtualizationConnector vc, VirtualizationConnectorBody body) {
        vc.setName(body.name().trim());
        vc.setType(KUBERNETES);
        vc.setControllerType(body.controllerType());
        boolean inCluster = Boolean.TRUE.equals(body.inCluster());
        boolean url = present(body.apiServerUrl());
        if (present(body.kubeconfig())) {
            vc.setKubeconfig(body.kubeconfig());
        } else if (url || inCluster) {
            vc.setKubeconfig(null);
        }
        vc.setContext(body.context());
        vc.setApiServerUrl(url ? body.apiServerUrl() : null);
        if (present(body.token())) {
            vc.setToken(body.token());
        } else if (!url) {
            vc.setToken(null);
        }
        vc.setCaCertificate(body.caCertificate());
        vc.setInCluster(inCluster);
    }

    private VirtualizationConnectorBody view(VirtualizationConnector vc) {
        LastJob last = LastJob.of(reconcile.lastJob(ObjectType.VIRTUALIZATION_CONNECTOR, vc.getId()));
        return new VirtualizationConnectorBody(vc.getId(), vc.getName(), vc.getType(), vc.getControllerType(), null,
                vc.getContext(), vc.getApiServerUrl(), null, vc.getCaCertificate(), vc.isInCluster(),
                last.lastJobId(), last.lastJobState(), last.lastJobStatus());
    }

    private static void requireUniqueName(Session session, String name, Long self) {
        List<Long> ids = session.createSelectionQuery("select v.id from VirtualizationConnector v where v.name = :n",
                Long.class).setParameter("n", name.trim()).getResultList();
        if (ids.stream().anyMatch(id -> !id.equals(self))) {
            throw new ConflictException("name", "A virtualization connector named '" + name + "' already exists");
        }
    }

    private static long count(Session session, String query, VirtualizationConnector vc) {
        return session.createSelectionQuery(query, Long.class).setParameter("vc", vc).getSingleResult();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
