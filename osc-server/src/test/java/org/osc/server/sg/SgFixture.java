package org.osc.server.sg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osc.api.manager.element.DeviceSpec;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.sample.manager.SampleManager;
import org.osc.sample.sdn.SampleSdnController;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;
import org.osc.server.domain.Appliance;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.job.JobRecord;
import org.osc.server.jobs.JobService;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;

/**
 * The server pieces security groups need, wired by hand on an H2 database: the job engine over the JPA
 * store, the reconcile service with both reconcilers, the sample SDN controller and sample manager (their
 * plain Java cores) in the plugin registry, and an in-memory cluster. Rows of the other subsystems
 * (connectors, appliances, VNF instances) are inserted directly.
 */
final class SgFixture implements AutoCloseable {

    static final String SDN = "SampleSdn";
    static final String MANAGER = "SampleManager";

    final Database db;
    final JobService jobs;
    final ReconcileQueue queue = new ReconcileQueue();
    final PortCache ports = new PortCache();
    final ReconcileService reconcile;
    final PluginRegistry plugins = new PluginRegistry();
    final PlatformRegistry platforms = new PlatformRegistry();
    final TestPlatform cluster = new TestPlatform();
    final SampleSdnController sdn;
    final SampleManager manager;
    final SecurityGroupService groups;
    final MemberService members;
    final BindingService bindings;

    SgFixture(Path dir) {
        this(dir, "h2");
    }

    /** @param kind "h2" (in the folder) or "postgresql" (the test server; skipped when there is none) */
    SgFixture(Path dir, String kind) {
        this(dir, TestDatabases.open(kind, dir));
    }

    /** Over the given database, which it closes. */
    SgFixture(Path dir, Database db) {
        this.db = db;
        jobs = new JobService(new JpaJobStore(db), 4, Duration.ofMinutes(10));
        reconcile = new ReconcileService(jobs, queue);
        sdn = new SampleSdnController(dir.resolve("sdn").resolve("state.json"), "1.0.0");
        manager = new SampleManager(dir.resolve("manager").resolve("state.json"));
        TestPlugins.sdn(plugins, SDN, sdn, true, true);
        TestPlugins.manager(plugins, MANAGER, manager);
        platforms.register(cluster);
        reconcile.register(new SecurityGroupReconciler(db, plugins, platforms, ports, queue));
        groups = new SecurityGroupService(db, plugins, reconcile);
        members = new MemberService(db, reconcile);
        bindings = new BindingService(db, plugins, reconcile);
    }

    /** Waits for a job and returns its final record. */
    JobRecord await(long jobId) throws Exception {
        return jobs.await(jobId, Duration.ofSeconds(30));
    }

    /** @return a new connector steered by the given SDN plugin */
    long connector(String name, String controllerType) {
        return db.inTransaction(s -> {
            VirtualizationConnector vc = new VirtualizationConnector();
            vc.setName(name);
            vc.setType("KUBERNETES");
            vc.setControllerType(controllerType);
            vc.setKubeconfig("apiVersion: v1");
            s.persist(vc);
            return vc.getId();
        });
    }

    /**
     * A distributed appliance on the sample manager with one virtual system on the connector, in domain-1,
     * with its device registered on the manager as the appliance subsystem would.
     *
     * @return the virtual system's id
     */
    long virtualSystem(long vcId, String name) throws Exception {
        long vsId = db.inTransaction(s -> {
            ManagerConnector mc = new ManagerConnector();
            mc.setName("mc-" + name);
            mc.setManagerType(MANAGER);
            mc.setIpAddress("10.0.0.1");
            mc.setUsername("admin");
            mc.setPassword("admin123");
            s.persist(mc);
            Appliance appliance = new Appliance();
            appliance.setModel("model-" + name);
            appliance.setManagerType(MANAGER);
            appliance.setManagerVersion("1.0");
            s.persist(appliance);
            ApplianceSoftwareVersion version = new ApplianceSoftwareVersion();
            version.setAppliance(appliance);
            version.setSwVersion("1.0");
            version.setVirtualizationType("KUBERNETES");
            version.setVirtualizationVersion("1.30");
            version.setImageUrl("registry.example/vnf:1.0");
            s.persist(version);
            DistributedAppliance da = new DistributedAppliance();
            da.setName(name);
            da.setManagerConnector(mc);
            da.setSoftwareVersion(version);
            s.persist(da);
            VirtualSystem vs = new VirtualSystem();
            vs.setDistributedAppliance(da);
            vs.setVirtualizationConnector(s.find(VirtualizationConnector.class, vcId));
            vs.setDomainId("domain-1");
            s.persist(vs);
            return vs.getId();
        });
        String deviceId = manager.createDeviceApi(managerElement())
                .createDevice(new DeviceSpec(name, Long.toString(vsId), "domain-1")).id();
        db.run(s -> s.find(VirtualSystem.class, vsId).setManagerDeviceId(deviceId));
        return vsId;
    }

    /**
     * A VNF pod of the virtual system, with its inspection port registered in the sample SDN controller as
     * the deployment spec subsystem would.
     *
     * @return the inspection port id
     */
    String vnf(long vsId, String pod, String ip) throws Exception {
        String uid = "uid-security-" + pod;
        String inspectionPort;
        try (RedirectionSession session = sdn.openSession(
                new VirtualizationConnectorElement("k8s", "KUBERNETES", Map.of()))) {
            NetworkElement port = session.getWorkloadPort(new WorkloadIdentity("security", pod, uid, List.of(ip)));
            inspectionPort = session.registerInspectionPort(port, port).id();
        }
        db.run(s -> {
            VirtualSystem vs = s.find(VirtualSystem.class, vsId);
            DeploymentSpec ds = s.createSelectionQuery("from DeploymentSpec where virtualSystem = :vs",
                    DeploymentSpec.class).setParameter("vs", vs).getResultStream().findFirst().orElseGet(() -> {
                        DeploymentSpec spec = new DeploymentSpec();
                        spec.setVirtualSystem(vs);
                        spec.setName("ds-" + vsId);
                        spec.setNamespace("security");
                        spec.setCount(1);
                        s.persist(spec);
                        return spec;
                    });
            DistributedApplianceInstance dai = new DistributedApplianceInstance();
            dai.setDeploymentSpec(ds);
            dai.setName(pod);
            dai.setPodUid(uid);
            dai.setNamespace("security");
            dai.setIpAddress(ip);
            dai.setInspectionPortId(inspectionPort);
            dai.setInspectionReady(true);
            s.persist(dai);
        });
        return inspectionPort;
    }

    /** The credentials the connectors made by {@link #virtualSystem} carry. */
    static ManagerConnectorElement managerElement() {
        return ManagerConnectorElement.withPassword("mc", "10.0.0.1", "admin", "admin123");
    }

    @Override
    public void close() {
        reconcile.close();
        jobs.engine().close();
        db.close();
    }
}
