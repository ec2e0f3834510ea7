package org.osc.server.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.sample.manager.SampleManager;
import org.osc.sample.sdn.SampleSdnController;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.server.da.DeploymentSpecReconciler;
import org.osc.server.da.DistributedApplianceReconciler;
import org.osc.server.error.OscException;
import org.osc.server.job.JobRecord;
import org.osc.server.job.TaskRecord;
import org.osc.server.jobs.JobService;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.persistence.Database;
import org.osc.server.persistence.TestDatabases;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.vc.VirtualizationConnectorBody;
import org.osc.server.vc.VirtualizationConnectorService;

/**
 * A server without OSGi for the reconciler and service tests: H2 in a folder, the job engine over the JPA
 * store, the reconcilers of this feature registered, the real sample manager as plugin {@value #MANAGER}, and
 * the real sample SDN controller as plugin {@value #SDN} (deployment specs register their VNF pods with it).
 */
public final class ServerFixture implements AutoCloseable {

    /** The sample manager's plugin name. */
    public static final String MANAGER = "SampleManager";
    /** The sample SDN controller's plugin name; declares VLAN and VXLAN. */
    public static final String SDN = "SampleSdn";

    public final Database database;
    public final JobService jobs;
    public final ReconcileQueue queue = new ReconcileQueue();
    public final ReconcileService reconcile;
    public final PluginRegistry plugins = new PluginRegistry();
    public final PlatformRegistry platforms = new PlatformRegistry();
    public final SampleManager manager;
    public final SampleSdnController sdn;
    private final Map<String, PluginRegistry.Registration> registrations = new HashMap<>();

    /** Opens everything under the folder. */
    public ServerFixture(Path dir) {
        database = TestDatabases.h2(dir);
        jobs = new JobService(new JpaJobStore(database), 4, Duration.ofMinutes(10));
        reconcile = new ReconcileService(jobs, queue);
        reconcile.register(new ManagerConnectorReconciler(database, plugins));
        reconcile.register(new DistributedApplianceReconciler(database, plugins));
        reconcile.register(new DeploymentSpecReconciler(database, platforms, plugins, queue));
        manager = new SampleManager(dir.resolve("sample-manager").resolve("state.json"));
        addManager(MANAGER, manager, "PASSWORD");
        sdn = new SampleSdnController(dir.resolve("sample-sdn").resolve("state.json"), "1.0.0");
        // The sample's own capabilities (SampleSdnComponent's properties).
        plugins.registerSdnController(sdn, Map.of(SdnPluginProperties.PLUGIN_NAME, SDN,
                SdnPluginProperties.SUPPORTS_PORT_GROUP, true, SdnPluginProperties.SUPPORTS_FAILURE_POLICY, true,
                SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, new String[] {"VLAN", "VXLAN"}));
    }

    /** Registers a manager plugin with an authentication type, as its DS component would. */
    public void addManager(String name, ApplianceManagerApi api, String authenticationType) {
        Map<String, Object> properties = Map.of(ManagerPluginProperties.PLUGIN_NAME, name,
                ManagerPluginProperties.AUTHENTICATION_TYPE, authenticationType);
        registrations.put(name, plugins.registerManager(api, properties));
    }

    /** Takes a manager plugin away, as uninstalling its bundle would. */
    public void removeManager(String name) {
        registrations.remove(name).close();
    }

    /** Registers an SDN plugin that only declares the encapsulations it supports. */
    public void addSdn(String name, String... encapsulations) {
        Map<String, Object> properties = Map.of(SdnPluginProperties.PLUGIN_NAME, name,
                SdnPluginProperties.SUPPORTED_ENCAPSULATIONS, encapsulations);
        SdnControllerApi sdn = (SdnControllerApi) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SdnControllerApi.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "capability-only SDN plugin " + name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        plugins.registerSdnController(sdn, properties);
    }

    /** @return a new virtualization connector (reached by URL and token) using the SDN plugin */
    public long createVc(String name) {
        return new VirtualizationConnectorService(database, plugins, reconcile).create(new VirtualizationConnectorBody(
                null, name, "KUBERNETES", SDN, null, null, "https://" + name + ".example:6443", "token", null, null,
                null, null, null, null));
    }

    /** @return the job once completed; fails the test when it takes more than 30 seconds */
    public JobRecord await(long jobId) {
        try {
            return jobs.await(jobId, Duration.ofSeconds(30));
        } catch (Exception e) {
            throw new AssertionError("job " + jobId + " did not complete: " + e, e);
        }
    }

    /** @return the job's tasks, in the order they started */
    public List<TaskRecord> tasks(long jobId) {
        return jobs.tasks(jobId);
    }

    /** Waits for the job and asserts it passed, showing its failure reason otherwise. */
    public JobRecord awaitPassed(long jobId) {
        JobRecord job = await(jobId);
        assertEquals("PASSED", String.valueOf(job.status()), () -> "job failed: " + job.failureReason());
        return job;
    }

    /** @return how many SPI calls changed the sample manager's state so far (its own REST deletes left out) */
    public long managerChanges() {
        return manager.summary().operations().entrySet().stream().filter(e -> !e.getKey().startsWith("external."))
                .mapToLong(e -> e.getValue().changes()).sum();
    }

    /** @return the fields an API error names */
    public static Set<String> fields(OscException e) {
        return e.errors().stream().map(f -> f.field()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        reconcile.close();
        jobs.engine().close();
        database.close();
    }
}
