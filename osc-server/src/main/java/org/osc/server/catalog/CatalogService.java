package org.osc.server.catalog;

import java.util.List;

import org.hibernate.Session;
import org.osc.server.domain.Appliance;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.Columns;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.plugin.PluginType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The appliance catalog: appliance models and their software versions. Nothing outside the database is
 * involved, so writes take effect at once and start no job.
 */
@Component(service = CatalogService.class)
public class CatalogService {

    private final Database database;
    private final PluginRegistry plugins;

    /** A catalog over the database, checking manager types in the plugin registry. */
    @Activate
    public CatalogService(@Reference Database database, @Reference PluginRegistry plugins) {
        this.database = database;
        this.plugins = plugins;
    }

    /** @return every appliance, by id */
    public List<ApplianceBody> list() {
        return database.read(s -> s.createSelectionQuery("from Appliance order by id", Appliance.class)
                .getResultList().stream().map(CatalogService::view).toList());
    }

    /** @return one appliance; NotFoundException otherwise */
    public ApplianceBody get(long id) {
        return database.read(s -> view(find(s, id)));
    }

    /** Validates and stores an appliance; returns its id. */
    public long create(ApplianceBody body) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks.start().text("model", body.model(), Columns.NAME).text("managerType", body.managerType(), Columns.NAME)
                .text("managerVersion", body.managerVersion(), Columns.NAME).done();
        PluginInfo plugin = plugins.find(body.managerType()).orElseThrow(() -> new UnprocessableException(
                "managerType", "Manager plugin '" + body.managerType() + "' is not installed"));
        if (plugin.type() != PluginType.MANAGER) {
            throw new UnprocessableException("managerType", "Plugin '" + body.managerType() + "' is a "
                    + plugin.type() + " plugin, not a security manager");
        }
        return database.inTransaction(session -> {
            String model = body.model().trim();
            boolean taken = !session.createSelectionQuery("select a.id from Appliance a where a.model = :m",
                    Long.class).setParameter("m", model).getResultList().isEmpty();
            if (taken) {
                throw new ConflictException("model", "An appliance model '" + model + "' already exists");
            }
            Appliance appliance = new Appliance();
            appliance.setModel(model);
            appliance.setManagerType(body.managerType());
            appliance.setManagerVersion(body.managerVersion().trim());
            session.persist(appliance);
            return appliance.getId();
        });
    }

    /** Deletes an appliance with its versions; ConflictException while a distributed appliance uses one. */
    public void delete(long id) {
        database.run(session -> {
            Appliance appliance = find(session, id);
            long users = session.createSelectionQuery("select count(d) from DistributedAppliance d "
                    + "where d.softwareVersion.appliance = :a", Long.class).setParameter("a", appliance)
                    .getSingleResult();
            if (users > 0) {
                throw new ConflictException("Appliance '" + appliance.getModel() + "' is still used by " + users
                        + " distributed appliance(s)");
            }
            session.remove(appliance);
        });
    }

    /** @return the versions of an appliance */
    public List<SoftwareVersionBody> versions(long applianceId) {
        return database.read(s -> find(s, applianceId).getVersions().stream()
                .map(CatalogService::view).toList());
    }

    /** @return one version of an appliance; NotFoundException otherwise */
    public SoftwareVersionBody version(long applianceId, long versionId) {
        return database.read(s -> view(findVersion(s, applianceId, versionId)));
    }

    /** Validates and adds a software version to an appliance; returns its id. */
    public long addVersion(long applianceId, SoftwareVersionBody body) {
        return database.inTransaction(session -> {
            Appliance appliance = find(session, applianceId);
            SoftwareVersionChecks.validate(body);
            String swVersion = body.swVersion().trim();
            if (appliance.getVersions().stream().anyMatch(v -> v.getSwVersion().equals(swVersion))) {
                throw new ConflictException("swVersion", "Appliance '" + appliance.getModel()
                        + "' already has a version '" + swVersion + "'");
            }
            ApplianceSoftwareVersion version = new ApplianceSoftwareVersion();
            version.setAppliance(appliance);
            version.setSwVersion(swVersion);
            version.setVirtualizationType(SoftwareVersionChecks.KUBERNETES);
            version.setVirtualizationVersion(body.virtualizationVersion().trim());
            version.setImageUrl(body.imageUrl());
            version.setImagePullSecretName(body.imagePullSecretName());
            SoftwareVersionBody.Resources resources = body.resources();
            if (resources != null) {
                version.setCpuRequest(resources.cpuRequest());
                version.setMemoryRequest(resources.memoryRequest());
                version.setCpuLimit(resources.cpuLimit());
                version.setMemoryLimit(resources.memoryLimit());
            }
            session.persist(version);
            appliance.getVersions().add(version);
            return version.getId();
        });
    }

    /** Deletes a software version; ConflictException while a distributed appliance uses it. */
    public void deleteVersion(long applianceId, long versionId) {
        database.run(session -> {
            ApplianceSoftwareVersion version = findVersion(session, applianceId, versionId);
            long users = session.createSelectionQuery(
                    "select count(d) from DistributedAppliance d where d.softwareVersion = :v", Long.class)
                    .setParameter("v", version).getSingleResult();
            if (users > 0) {
                throw new ConflictException("Version '" + version.getSwVersion() + "' of appliance '"
                        + version.getAppliance().getModel() + "' is still used by " + users
                        + " distributed appliance(s)");
            }
            version.getAppliance().getVersions().remove(version);
        });
    }

    /** @return the appliance; NotFoundException otherwise */
    public static Appliance find(Session session, long id) {
        Appliance appliance = session.find(Appliance.class, id);
        if (appliance == null) {
            throw new NotFoundException("Appliance " + id);
        }
        return appliance;
    }

    private static ApplianceSoftwareVersion findVersion(Session session, long applianceId, long versionId) {
        Appliance appliance = find(session, applianceId);
        ApplianceSoftwareVersion version = session.find(ApplianceSoftwareVersion.class, versionId);
        if (version == null || !version.getAppliance().getId().equals(appliance.getId())) {
            throw new NotFoundException("Software version " + versionId + " of appliance '" + appliance.getModel()
                    + "'");
        }
        return version;
    }

    private static ApplianceBody view(Appliance appliance) {
        return new ApplianceBody(appliance.getId(), appliance.getModel(), appliance.getManagerType(),
                appliance.getManagerVersion());
    }

    private static SoftwareVersionBody view(ApplianceSoftwareVersion version) {
        SoftwareVersionBody.Resources resources = new SoftwareVersionBody.Resources(version.getCpuRequest(),
                version.getMemoryRequest(), version.getCpuLimit(), version.getMemoryLimit());
        return new SoftwareVersionBody(version.getId(), version.getAppliance().getId(), version.getSwVersion(),
                version.getVirtualizationType(), version.getVirtualizationVersion(), version.getImageUrl(),
                version.getImagePullSecretName(), resources.isEmpty() ? null : resources);
    }
}
