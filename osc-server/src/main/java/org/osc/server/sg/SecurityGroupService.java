package org.osc.server.sg;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.hibernate.Session;
import org.osc.server.domain.Columns;
import org.osc.server.domain.Limits;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.summary.LastJobs;
import org.osc.server.vc.VirtualizationConnectorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Security groups of a virtualization connector: validation, storage, views, and the reconciles that carry
 * each change out (creating, changing, syncing and deleting a group all start its reconcile job).
 */
@Component(service = SecurityGroupService.class)
public class SecurityGroupService {

    /** A created object and the job that carries its creation out. */
    public record Created(long id, long jobId) {
    }

    /** A Kubernetes namespace name: a DNS label (RFC 1123). */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Database database;
    private final PluginAccess plugins;
    private final ReconcileService reconcile;
    private final LastJobs lastJobs;

    /** A service over the database, checking plugins in the registry, reconciling through the service. */
    @Activate
    public SecurityGroupService(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileService reconcile) {
        this.database = database;
        this.plugins = new PluginAccess(plugins);
        this.reconcile = reconcile;
        this.lastJobs = new LastJobs(reconcile);
    }

    /** @return the connector's groups, by id; NotFoundException for an unknown connector */
    public List<SecurityGroupBody> list(long vcId) {
        return database.read(s -> {
            VirtualizationConnector vc = VirtualizationConnectorService.find(s, vcId);
            List<SecurityGroup> groups = s.createSelectionQuery(
                    "from SecurityGroup where virtualizationConnector = :vc order by id", SecurityGroup.class)
                    .setParameter("vc", vc).getResultList();
            return lastJobs.views(s, ObjectType.SECURITY_GROUP, groups, SecurityGroup::getId,
                    SecurityGroupService::view);
        });
    }

    /** @return one group; NotFoundException unless it exists on that connector */
    public SecurityGroupBody get(long vcId, long sgId) {
        return database.read(s -> view(find(s, vcId, sgId),
                lastJobs.of(s, ObjectType.SECURITY_GROUP, sgId)));
    }

    /** Validates and stores a new group, then reconciles it. */
    public Created create(long vcId, SecurityGroupBody body) {
        validate(body);
        long id = database.inTransaction(s -> {
            VirtualizationConnector vc = VirtualizationConnectorService.find(s, vcId);
            plugins.requirePortGroups(vc);
            requireUniqueName(s, vc, body.name(), null);
            SecurityGroup sg = new SecurityGroup();
            sg.setVirtualizationConnector(vc);
            apply(sg, body);
            s.persist(sg);
            return sg.getId();
        });
        return new Created(id, reconcile.reconcile(ObjectType.SECURITY_GROUP, id));
    }

    /** Replaces a group's name, protectAll and namespaces, then reconciles it; returns the job id. */
    public long update(long vcId, long sgId, SecurityGroupBody body) {
        validate(body);
        database.run(s -> {
            SecurityGroup sg = findLive(s, vcId, sgId);
            plugins.requirePortGroups(sg.getVirtualizationConnector());
            requireUniqueName(s, sg.getVirtualizationConnector(), body.name(), sgId);
            apply(sg, body);
        });
        return reconcile.reconcile(ObjectType.SECURITY_GROUP, sgId);
    }

    /** Marks the group for deletion; its reconcile removes the plugin state, then the rows. Returns the job id. */
    public long delete(long vcId, long sgId) {
        database.run(s -> {
            SecurityGroup sg = find(s, vcId, sgId);
            sg.markForDeletion();
            sg.getBindings().forEach(b -> b.markForDeletion());
        });
        return reconcile.reconcile(ObjectType.SECURITY_GROUP, sgId);
    }

    /** Removes the group, its members and bindings from the database only, leaving the plugins as they are. */
    public void forceDelete(long vcId, long sgId) {
        database.run(s -> s.remove(find(s, vcId, sgId)));
    }

    /** Reconciles the group again; returns the job id. */
    public long sync(long vcId, long sgId) {
        database.run(s -> find(s, vcId, sgId));
        return reconcile.reconcile(ObjectType.SECURITY_GROUP, sgId);
    }

    /** @return the group; NotFoundException unless it exists on that connector */
    static SecurityGroup find(Session session, long vcId, long sgId) {
        VirtualizationConnectorService.find(session, vcId);
        SecurityGroup sg = session.find(SecurityGroup.class, sgId);
        if (sg == null || sg.getVirtualizationConnector().getId() != vcId) {
            throw new NotFoundException("Security group " + sgId + " of virtualization connector " + vcId);
        }
        return sg;
    }

    /** @return the group, which must not be marked for deletion (ConflictException) */
    static SecurityGroup findLive(Session session, long vcId, long sgId) {
        SecurityGroup sg = find(session, vcId, sgId);
        if (sg.isMarkedForDeletion()) {
            throw new ConflictException("Security group '" + sg.getName() + "' is being deleted");
        }
        return sg;
    }

    private static void validate(SecurityGroupBody body) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("name", body.name(), Columns.NAME)
                .size("namespaces", body.namespaces(), Limits.MAX_NAMESPACES);
        List<String> namespaces = body.namespaces() == null ? List.of() : body.namespaces();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < namespaces.size(); i++) {
            String ns = namespaces.get(i);
            String field = "namespaces[" + i + "]";
            if (ns == null || ns.length() > Columns.NAMESPACE || !DNS_LABEL.matcher(ns).matches()) {
                checks.fail(field, "must be a namespace name: at most 63 lower-case letters, digits and '-', "
                        + "starting and ending with a letter or digit");
            } else if (!seen.add(ns)) {
                checks.fail(field, "'" + ns + "' is listed twice");
            }
        }
        checks.done();
    }

    private static void apply(SecurityGroup sg, SecurityGroupBody body) {
        sg.setName(body.name().trim());
        sg.setProtectAll(Boolean.TRUE.equals(body.protectAll()));
        List<String> namespaces = body.namespaces() == null ? List.of() : body.namespaces();
        if (!sg.getNamespaces().equals(namespaces)) {
            sg.getNamespaces().clear();
            sg.getNamespaces().addAll(namespaces);
        }
    }

    private static void requireUniqueName(Session session, VirtualizationConnector vc, String name, Long self) {
        List<Long> ids = session.createSelectionQuery("select g.id from SecurityGroup g "
                + "where g.virtualizationConnector = :vc and g.name = :n", Long.class)
                .setParameter("vc", vc).setParameter("n", name.trim()).getResultList();
        if (ids.stream().anyMatch(id -> !id.equals(self))) {
            throw new ConflictException("name", "A security group named '" + name.trim()
                    + "' already exists on virtualization connector '" + vc.getName() + "'");
        }
    }

    private static SecurityGroupBody view(SecurityGroup sg, LastJob last) {
        List<MemberBody> members = sg.getMembers().stream()
                .map(m -> new MemberBody(m.getName(), m.getType(), m.getLabel())).toList();
        return new SecurityGroupBody(sg.getId(), sg.getName(), sg.isProtectAll(), List.copyOf(sg.getNamespaces()),
                sg.getVirtualizationConnector().getId(), members, sg.getPortGroupId(), sg.getManagerGroupId(),
                sg.isMarkedForDeletion(), last.lastJobId(), last.lastJobState(), last.lastJobStatus(),
                last.nextRetryAt());
    }
}
