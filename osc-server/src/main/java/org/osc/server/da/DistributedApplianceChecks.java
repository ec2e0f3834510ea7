package org.osc.server.da;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.Session;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.Columns;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.Limits;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.Checks;
import org.osc.server.error.UnprocessableException;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;

/**
 * Validates a distributed appliance request and resolves its references in the caller's transaction: every
 * invalid field and every reference to nothing is a 400 naming the field; a missing plugin or an encapsulation
 * the SDN plugin does not support is a 422.
 */
final class DistributedApplianceChecks {

    /** The capability listing the encapsulations of an SDN plugin (prefix {@code osc.sdn.} stripped). */
    static final String SUPPORTED_ENCAPSULATIONS = "supportedEncapsulations";

    /** A valid request with its references loaded. */
    record Resolved(ManagerConnector connector, ApplianceSoftwareVersion version, List<Wanted> systems) {
    }

    /** One wanted virtual system. */
    record Wanted(VirtualizationConnector connector, String domainId, String encapsulationType) {
    }

    private final PluginRegistry plugins;

    DistributedApplianceChecks(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /**
     * @param existing the appliance a PUT replaces, or null on create
     * @throws org.osc.server.error.ValidationException naming every invalid field
     * @throws UnprocessableException when a plugin is missing or lacks the encapsulation
     */
    Resolved resolve(Session session, DistributedApplianceBody body, DistributedAppliance existing) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("name", body.name(), Columns.NAME)
                .size("virtualSystems", body.virtualSystems(), Limits.MAX_VIRTUAL_SYSTEMS);
        ManagerConnector connector = connector(session, checks, body, existing);
        ApplianceSoftwareVersion version = version(session, checks, body, existing, connector);
        List<Wanted> systems = systems(session, checks, body.virtualSystems(), existing, connector);
        checks.done();
        if (plugins.find(connector.getManagerType()).isEmpty()) {
            throw new UnprocessableException("managerConnectorId", "Manager plugin '" + connector.getManagerType()
                    + "' of manager connector '" + connector.getName() + "' is not installed");
        }
        for (int i = 0; i < systems.size(); i++) {
            requireSupported(systems.get(i), "virtualSystems[" + i + "].encapsulationType");
        }
        return new Resolved(connector, version, systems);
    }

    private static ManagerConnector connector(Session session, Checks checks, DistributedApplianceBody body,
            DistributedAppliance existing) {
        ManagerConnector current = existing == null ? null : existing.getManagerConnector();
        Long id = body.managerConnectorId() != null ? body.managerConnectorId()
                : current == null ? null : current.getId();
        if (id == null) {
            checks.fail("managerConnectorId", "is required");
            return null;
        }
        ManagerConnector connector = session.find(ManagerConnector.class, id);
        if (connector == null) {
            checks.fail("managerConnectorId", "no manager connector " + id + " exists");
        } else if (current != null && !current.getId().equals(id)) {
            checks.fail("managerConnectorId", "cannot change: the devices live on the manager of connector '"
                    + current.getName() + "'; create another distributed appliance instead");
        }
        return connector;
    }

    private static ApplianceSoftwareVersion version(Session session, Checks checks, DistributedApplianceBody body,
            DistributedAppliance existing, ManagerConnector connector) {
        Long id = body.applianceSoftwareVersionId() != null ? body.applianceSoftwareVersionId()
                : existing == null ? null : existing.getSoftwareVersion().getId();
        if (id == null) {
            checks.fail("applianceSoftwareVersionId", "is required");
            return null;
        }
        ApplianceSoftwareVersion version = session.find(ApplianceSoftwareVersion.class, id);
        if (version == null) {
            checks.fail("applianceSoftwareVersionId", "no appliance software version " + id + " exists");
        } else if (connector != null && !version.getAppliance().getManagerType().equals(connector.getManagerType())) {
            checks.fail("applianceSoftwareVersionId", "appliance '" + version.getAppliance().getModel()
                    + "' is managed by manager type '" + version.getAppliance().getManagerType()
                    + "', but manager connector '" + connector.getName() + "' is of type '"
                    + connector.getManagerType() + "'");
        }
        return version;
    }

    private static List<Wanted> systems(Session session, Checks checks,
            List<DistributedApplianceBody.VirtualSystemBody> wanted, DistributedAppliance existing,
            ManagerConnector manager) {
        List<Wanted> systems = new ArrayList<>();
        if (wanted == null || wanted.isEmpty()) {
            checks.fail("virtualSystems", "must name at least one virtualization connector");
            return systems;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            String field = "virtualSystems[" + i + "]";
            DistributedApplianceBody.VirtualSystemBody vs = wanted.get(i);
            if (vs == null) {
                checks.fail(field, "is required");
                continue;
            }
            VirtualizationConnector vc = null;
            if (vs.vcId() == null) {
                checks.fail(field + ".vcId", "is required");
            } else if ((vc = session.find(VirtualizationConnector.class, vs.vcId())) == null) {
                checks.fail(field + ".vcId", "no virtualization connector " + vs.vcId() + " exists");
            } else if (!seen.add(vs.vcId())) {
                checks.fail(field + ".vcId", "virtualization connector '" + vc.getName()
                        + "' already has a virtual system in this list; give one per connector");
            }
            checks.text(field + ".domainId", vs.domainId(), Columns.NAME);
            if (manager != null && !checks.has(field + ".domainId") && !hasDomain(session, manager, vs.domainId())) {
                checks.fail(field + ".domainId", "manager connector '" + manager.getName() + "' has no domain '"
                        + vs.domainId() + "' (sync the connector to read its domains)");
            }
            checks.require(vs.encapsulationType() == null || isEncapsulation(vs.encapsulationType()),
                    field + ".encapsulationType", "must be one of " + Arrays.toString(TagEncapsulation.values()));
            checkId(checks, field, vs, existing);
            systems.add(new Wanted(vc, vs.domainId(), vs.encapsulationType()));
        }
        return systems;
    }

    private static void checkId(Checks checks, String field, DistributedApplianceBody.VirtualSystemBody vs,
            DistributedAppliance existing) {
        if (vs.id() == null) {
            return;
        }
        if (existing == null) {
            checks.fail(field + ".id", "is assigned by the server");
            return;
        }
        VirtualSystem current = existing.getVirtualSystems().stream().filter(v -> v.getId().equals(vs.id()))
                .findFirst().orElse(null);
        if (current == null) {
            checks.fail(field + ".id", "is not a virtual system of this distributed appliance");
        } else if (!current.getVirtualizationConnector().getId().equals(vs.vcId())) {
            checks.fail(field + ".vcId", "cannot change for an existing virtual system; leave it out and add "
                    + "another for the new connector");
        }
    }

    private void requireSupported(Wanted system, String field) {
        if (system.encapsulationType() == null) {
            return;
        }
        VirtualizationConnector vc = system.connector();
        PluginInfo sdn = plugins.find(vc.getControllerType()).orElseThrow(() -> new UnprocessableException(field,
                "SDN plugin '" + vc.getControllerType() + "' of virtualization connector '" + vc.getName()
                        + "' is not installed"));
        List<String> supported = names(sdn.capabilities().get(SUPPORTED_ENCAPSULATIONS));
        if (!supported.contains(system.encapsulationType())) {
            throw new UnprocessableException(field, "SDN plugin '" + sdn.name() + "' of virtualization connector '"
                    + vc.getName() + "' does not support encapsulation " + system.encapsulationType()
                    + " (supported: " + (supported.isEmpty() ? "none" : String.join(", ", supported)) + ")");
        }
    }

    /** A capability set from DS properties is a String for one value and a list (from String[]) for more. */
    private static List<String> names(Object capability) {
        if (capability instanceof String one) {
            return List.of(one);
        }
        if (capability instanceof String[] array) {
            return List.of(array);
        }
        if (capability instanceof List<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static boolean hasDomain(Session session, ManagerConnector connector, String domainId) {
        return session.createSelectionQuery("select count(d) from ManagerDomain d where d.managerConnector = :mc "
                + "and d.domainId = :d", Long.class).setParameter("mc", connector).setParameter("d", domainId)
                .getSingleResult() > 0;
    }

    private static boolean isEncapsulation(String name) {
        return Arrays.stream(TagEncapsulation.values()).anyMatch(e -> e.name().equals(name));
    }
}
