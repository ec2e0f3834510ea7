package org.osc.server.da;

import java.nio.file.Path;
import java.util.List;

import org.osc.server.catalog.ApplianceBody;
import org.osc.server.catalog.CatalogService;
import org.osc.server.catalog.SoftwareVersionBody;
import org.osc.server.mc.JobStarted;
import org.osc.server.mc.ManagerConnectorBody;
import org.osc.server.mc.ManagerConnectorService;
import org.osc.server.mc.ServerFixture;

/**
 * What a distributed appliance needs, made through the real services: a manager connector on the sample
 * manager with its domains read, a catalog version for its manager type, and two virtualization connectors.
 */
final class DaSetup implements AutoCloseable {

    final ServerFixture server;
    final ManagerConnectorService connectors;
    final CatalogService catalog;
    final DistributedApplianceService appliances;
    final DeploymentSpecService specs;
    final long mcId;
    final long applianceId;
    final long versionId;
    final long vc1;
    final long vc2;

    DaSetup(Path dir) {
        server = new ServerFixture(dir);
        connectors = new ManagerConnectorService(server.database, server.plugins, server.reconcile);
        catalog = new CatalogService(server.database, server.plugins);
        appliances = new DistributedApplianceService(server.database, server.plugins, server.reconcile);
        specs = new DeploymentSpecService(server.database, server.reconcile);
        JobStarted mc = connectors.create(new ManagerConnectorBody(null, "mgr1", ServerFixture.MANAGER,
                "manager.example", "admin", "admin123", null, null, null, null, null));
        server.awaitPassed(mc.jobId());
        mcId = mc.id();
        applianceId = catalog.create(new ApplianceBody(null, "vnf-x", ServerFixture.MANAGER, "1.0"));
        versionId = catalog.addVersion(applianceId, new SoftwareVersionBody(null, null, "1.0", "KUBERNETES", "1.30",
                "registry.example.com/vnf:1.0", null, null));
        vc1 = server.createVc("vc1");
        vc2 = server.createVc("vc2");
    }

    static DistributedApplianceBody.VirtualSystemBody vs(Long vcId, String domainId, String encapsulation) {
        return new DistributedApplianceBody.VirtualSystemBody(null, vcId, domainId, encapsulation, null, null);
    }

    DistributedApplianceBody body(String name, DistributedApplianceBody.VirtualSystemBody... systems) {
        return new DistributedApplianceBody(null, name, mcId, versionId, List.of(systems), null, null, null, null, null);
    }

    /** @return a created and reconciled appliance on both connectors */
    DistributedApplianceBody createPassed(String name) {
        JobStarted started = appliances.create(body(name, vs(vc1, "domain-1", "VLAN"), vs(vc2, "domain-5", null)));
        server.awaitPassed(started.jobId());
        return appliances.get(started.id());
    }

    @Override
    public void close() {
        server.close();
    }
}
