package org.osc.server.vc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hibernate.Session;
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.domain.Columns;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.log.LogSafe;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.plugin.PluginType;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.summary.LastJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtualization connectors: validation, storage, and their view without secrets.
 *
 * <p>Before a connector is stored, and before its connection settings change, its platform checks the cluster
 * ({@link VirtualizationPlatform#check}): the API server must answer and the credentials must hold the
 * permissions OSC needs (cluster-wide, and in the namespaces of the connector's deployment specs on an update),
 * or the request fails with 422 on the field that says how to connect ({@code kubeconfig}, {@code apiServerUrl},
 * {@code token} when the server refused the token or it lacks permissions, or {@code inCluster}) and nothing is
 * written. When no platform serves the type (not installed, or not started yet) the connector is stored
 * unchecked and a warning is logged: the connector watcher follows it once the platform is there, and reports
 * what fails then.
 *
 * <p>Likewise its SDN plugin checks the controller attributes ({@link ControllerAttributes}) at create, and on an
 * update that changes them or the plugin: the plugin's {@code getStatus} must answer within 5 s, or the request
 * fails with 422 on {@code controllerAttributes} and nothing is written ({@link ControllerCheck}). Once changed
 * attributes are stored, every security group and deployment spec of the connector is reconciled, as after a
 * resync of its cluster: they reach the controller through these attributes.
 */
@Component(service = VirtualizationConnectorService.class)
public class VirtualizationConnectorService {

    /** The one connector type there is. */
    public static final String KUBERNETES = "KUBERNETES";

    private static final Logger LOG = LoggerFactory.getLogger(VirtualizationConnectorService.class);

    private final Database database;
    private final PluginRegistry plugins;
    private final LastJobs lastJobs;
    private final PlatformRegistry platforms;
    private final ReconcileQueue queue;
    private final ControllerCheck controllers;

    /** A service over the database, checking plugins in the registry and clusters through their platform. */
    @Activate
    public VirtualizationConnectorService(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileService reconcile, @Reference PlatformRegistry platforms) {
        this(database, plugins, reconcile, platforms, ControllerCheck.BOUND);
    }

    /** A service whose SDN controller check waits at most {@code controllerBound} (tests). */
    VirtualizationConnectorService(Database database, PluginRegistry plugins, ReconcileService reconcile,
            PlatformRegistry platforms, Duration controllerBound) {
        this.database = database;
        this.plugins = plugins;
        this.lastJobs = new LastJobs(reconcile);
        this.platforms = platforms;
        this.queue = reconcile.queue();
        this.controllers = new ControllerCheck(controllerBound);
    }

    @Deactivate
    void deactivate() {
        controllers.close();
    }

    /** A service without platforms (tests): connectors are stored without checking their cluster. */
    public VirtualizationConnectorService(Database database, PluginRegistry plugins, ReconcileService reconcile) {
        this(database, plugins, reconcile, new PlatformRegistry());
    }

    /** @return every connector, by id */
    public List<VirtualizationConnectorBody> list() {
        return database.inTransaction(s -> lastJobs.views(s, ObjectType.VIRTUALIZATION_CONNECTOR,
                s.createSelectionQuery("from VirtualizationConnector order by id", VirtualizationConnector.class)
                        .getResultList(), VirtualizationConnector::getId, VirtualizationConnectorService::view));
    }

    /** @return one connector; NotFoundException otherwise */
    public VirtualizationConnectorBody get(long id) {
        return database.inTransaction(s -> view(find(s, id),
                lastJobs.of(s, ObjectType.VIRTUALIZATION_CONNECTOR, id)));
    }

    /** @return what a platform needs to reach the connector's cluster (with its secrets) */
    public ConnectorInfo connectorInfo(long id) {
        return database.inTransaction(s -> info(find(s, id)));
    }

    /**
     * Validates the connector, checks its cluster, and stores it; returns its id. The check talks to the network
     * (seconds at most), so it runs outside any transaction; the name is checked before it and again when
     * writing.
     */
    public long create(VirtualizationConnectorBody body) {
        validate(body, null);
        database.run(session -> requireUniqueName(session, body.name(), null));
        VirtualizationConnector draft = new VirtualizationConnector();
        apply(draft, body);
        ControllerAttributes attributes = ControllerAttributes.create(body.controllerAttributes());
        checkController(body.controllerType(), attributes.element(draft.getName(), KUBERNETES));
        checkCluster(KUBERNETES, info(0, draft), List.of());
        return database.inTransaction(session -> {
            requireUniqueName(session, body.name(), null);
            VirtualizationConnector vc = new VirtualizationConnector();
            apply(vc, body);
            attributes.applyTo(vc);
            session.persist(vc);
            return vc.getId();
        });
    }

    /**
     * Replaces a connector's fields (secrets left out are kept). When the connection settings change, the
     * cluster is checked with the new ones first, cluster-wide and in the namespaces of the connector's
     * deployment specs, outside any transaction; when the controller attributes or the SDN plugin change, the
     * plugin checks its controller with the new attributes first. Changed attributes have every security group and
     * deployment spec of the connector reconciled.
     */
    public void update(long id, VirtualizationConnectorBody body) {
        Pending pending = database.inTransaction(session -> {
            VirtualizationConnector vc = find(session, id);
            validate(body, vc);
            requireUniqueName(session, body.name(), id);
            ConnectorInfo after = after(vc, body);
            ControllerAttributes before = ControllerAttributes.of(vc);
            ControllerAttributes next = before.updatedBy(body.controllerAttributes());
            requireFewEnough(next);
            return new Pending(vc.getType(), after, !sameConnection(info(vc), after), session.createSelectionQuery(
                    "select distinct d.namespace from DeploymentSpec d where d.virtualSystem.virtualizationConnector"
                            + " = :vc and d.markedForDeletion = false order by d.namespace", String.class)
                    .setParameter("vc", vc).getResultList(), vc.getControllerType(), before, next);
        });
        boolean attributesChanged = !pending.attributesBefore().equals(pending.attributes());
        if (attributesChanged || !pending.controllerType().equals(body.controllerType())) {
            checkController(body.controllerType(), pending.attributes().element(body.name().trim(),
                    pending.type()));
        }
        if (pending.connectionChanged()) {
            checkCluster(pending.type(), pending.connector(), pending.namespaces());
        }
        Dependents dependents = database.inTransaction(session -> {
            VirtualizationConnector vc = find(session, id);
            validate(body, vc);
            requireUniqueName(session, body.name(), id);
            if (!sameConnection(after(vc, body), pending.connector())
                    || !ControllerAttributes.of(vc).equals(pending.attributesBefore())) {
                throw new ConflictException("Virtualization connector '" + vc.getName() + "' was changed meanwhile;"
                        + " send the update again");
            }
            apply(vc, body);
            pending.attributes().applyTo(vc);
            return attributesChanged ? Dependents.of(session, id) : Dependents.NONE;
        });
        // After the commit: a reconcile that runs now reads the new attributes.
        queue.requestAll(ObjectType.SECURITY_GROUP, dependents.groups());
        queue.requestAll(ObjectType.DEPLOYMENT_SPEC, dependents.specs());
    }

    /** @return the platform view the connector would have after the update, without changing it */
    private static ConnectorInfo after(VirtualizationConnector vc, VirtualizationConnectorBody body) {
        VirtualizationConnector draft = new VirtualizationConnector();
        draft.setKubeconfig(vc.getKubeconfig());
        draft.setToken(vc.getToken());
        apply(draft, body);
        return info(vc.getId(), draft);
    }

    /** Deletes a connector nothing refers to; ConflictException when security groups or appliances use it. */
    public void delete(long id) {
        String type = database.inTransaction(session -> {
            VirtualizationConnector vc = find(session, id);
            long groups = count(session,
                    "select count(g) from SecurityGroup g where g.virtualizationConnector = :vc", vc);
            long systems = count(session,
                    "select count(v) from VirtualSystem v where v.virtualizationConnector = :vc", vc);
            if (groups + systems > 0) {
                throw new ConflictException("Virtualization connector '" + vc.getName() + "' is still used by "
                        + groups + " security group(s) and " + systems + " virtual system(s)");
            }
            session.remove(vc);
            return vc.getType();
        });
        // The connector watcher lets go within its poll period anyway; this releases the cluster client now.
        platforms.platform(type).ifPresent(platform -> {
            try {
                platform.unwatch(id);
            } catch (RuntimeException e) {
                LOG.warn("Could not release the cluster of deleted virtualization connector {}: {}", id,
                        LogSafe.of(e.getMessage()));
            }
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

    /**
     * Has the named SDN plugin check its controller with the connector's attributes.
     *
     * @throws UnprocessableException on {@code controllerAttributes} with the plugin's reason, or on
     *     {@code controllerType} when the plugin is not there (any more)
     */
    private void checkController(String controllerType, VirtualizationConnectorElement connector) {
        SdnControllerApi sdn = plugins.sdnController(controllerType).orElseThrow(() -> new UnprocessableException(
                "controllerType", "SDN plugin '" + controllerType + "' is not installed"));
        controllers.check(controllerType, sdn, connector);
    }

    private static void requireFewEnough(ControllerAttributes attributes) {
        Checks.start().require(attributes.size() <= ControllerAttributes.MAX_KEYS, ControllerAttributes.FIELD,
                "must have at most " + ControllerAttributes.MAX_KEYS + " attributes, counting the secrets kept")
                .done();
    }

    /** @return the platform view of a connector */
    public static ConnectorInfo info(VirtualizationConnector vc) {
        return info(vc.getId(), vc);
    }

    // GAP: a stored kubeconfig or token that does not decrypt (SealedColumn.UNREADABLE) is handed to the platform
    // as it reads; the cluster then refuses it (the connector's watch fails, an update answers 422 on kubeconfig or
    // token) rather than a reason naming the undecryptable secret, as manager connectors give (ManagerTarget).
    private static ConnectorInfo info(long id, VirtualizationConnector vc) {
        return new ConnectorInfo(id, vc.getName(), vc.getKubeconfig(), vc.getContext(),
                vc.getApiServerUrl(), vc.getToken(), vc.getCaCertificate(), vc.isInCluster());
    }

    /**
     * Has the type's platform check the cluster: cluster-wide, then in the namespaces given (if any).
     *
     * @throws UnprocessableException on the field of the way to connect, with the platform's reason
     */
    private void checkCluster(String type, ConnectorInfo connector, List<String> namespaces) {
        Optional<VirtualizationPlatform> platform = platforms.platform(type);
        if (platform.isEmpty()) {
            LOG.warn("No virtualization platform for type {} is present: the cluster of connector '{}' is not "
                    + "checked", LogSafe.of(type), LogSafe.of(connector.name()));
            return;
        }
        try {
            platform.get().check(connector, List.of());
            if (!namespaces.isEmpty()) {
                platform.get().check(connector, namespaces);
            }
        } catch (PlatformException e) {
            throw new UnprocessableException(connectionField(connector, e), e.getMessage());
        }
    }

    /** @return the request field that says how to reach the cluster, the one a failed check is about */
    private static String connectionField(ConnectorInfo connector, PlatformException failure) {
        if (present(connector.kubeconfig())) {
            return "kubeconfig";
        }
        if (present(connector.apiServerUrl())) {
            return failure instanceof AccessDeniedException ? "token" : "apiServerUrl";
        }
        return "inCluster";
    }

    private static boolean sameConnection(ConnectorInfo a, ConnectorInfo b) {
        return Objects.equals(a.kubeconfig(), b.kubeconfig()) && Objects.equals(a.context(), b.context())
                && Objects.equals(a.apiServerUrl(), b.apiServerUrl()) && Objects.equals(a.token(), b.token())
                && Objects.equals(a.caCertificate(), b.caCertificate()) && a.inCluster() == b.inCluster();
    }

    private void validate(VirtualizationConnectorBody body, VirtualizationConnector existing) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("name", body.name(), Columns.NAME)
                .text("controllerType", body.controllerType(), Columns.NAME)
                .multiLine("kubeconfig", body.kubeconfig(), Columns.DOCUMENT)
                .optionalText("context", body.context(), Columns.NAME)
                .optionalText("apiServerUrl", body.apiServerUrl(), Columns.URL)
                .secret("token", body.token(), Columns.TOKEN)
                .multiLine("caCertificate", body.caCertificate(), Columns.DOCUMENT);
        ControllerAttributes.validate(checks, body.controllerAttributes());
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

    private static VirtualizationConnectorBody view(VirtualizationConnector vc, LastJob last) {
        ControllerAttributes attributes = ControllerAttributes.of(vc);
        return new VirtualizationConnectorBody(vc.getId(), vc.getName(), vc.getType(), vc.getControllerType(), null,
                vc.getContext(), vc.getApiServerUrl(), null, vc.getCaCertificate(), vc.isInCluster(),
                attributes.plain(), attributes.secretNames(), last.lastJobId(), last.lastJobState(),
                last.lastJobStatus(), last.nextRetryAt());
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

    /** What an update learnt in its read-only first step. */
    private record Pending(String type, ConnectorInfo connector, boolean connectionChanged, List<String> namespaces,
            String controllerType, ControllerAttributes attributesBefore, ControllerAttributes attributes) {
    }

    /** What reaches the SDN controller through a connector: its security groups and deployment specs. */
    private record Dependents(List<Long> groups, List<Long> specs) {

        static final Dependents NONE = new Dependents(List.of(), List.of());

        static Dependents of(Session session, long vcId) {
            return new Dependents(session.createSelectionQuery("select g.id from SecurityGroup g "
                    + "where g.virtualizationConnector.id = :vc order by g.id", Long.class)
                    .setParameter("vc", vcId).getResultList(),
                    session.createSelectionQuery("select d.id from DeploymentSpec d "
                            + "where d.virtualSystem.virtualizationConnector.id = :vc order by d.id", Long.class)
                            .setParameter("vc", vcId).getResultList());
        }
    }
}
