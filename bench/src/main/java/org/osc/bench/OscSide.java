package org.osc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.k8s.KubernetesClients;
import org.osc.k8s.KubernetesPlatform;
import org.osc.k8s.deploy.KubernetesDeploymentTarget;
import org.osc.platform.api.DeploymentEvents;
import org.osc.platform.api.Workload;
import org.osc.platform.api.WorkloadEvents;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.server.catalog.CatalogService;
import org.osc.server.da.DeploymentSpecReconciler;
import org.osc.server.da.DeploymentSpecService;
import org.osc.server.da.DistributedApplianceReconciler;
import org.osc.server.da.DistributedApplianceService;
import org.osc.server.domain.ObjectType;
import org.osc.server.events.SdnPushChannel;
import org.osc.server.job.JobRecord;
import org.osc.server.job.JobState;
import org.osc.server.job.JobStatus;
import org.osc.server.jobs.JobService;
import org.osc.server.jobstore.JpaJobStore;
import org.osc.server.mc.ManagerConnectorReconciler;
import org.osc.server.mc.ManagerConnectorService;
import org.osc.server.membership.ConnectorWatcher;
import org.osc.server.membership.DeploymentFollower;
import org.osc.server.membership.MembershipRouter;
import org.osc.server.persistence.Database;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.ReconcileQueue;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.sg.BindingService;
import org.osc.server.sg.MemberService;
import org.osc.server.sg.PortCache;
import org.osc.server.sg.SecurityGroupReconciler;
import org.osc.server.sg.SecurityGroupService;
import org.osc.server.vc.VirtualizationConnectorService;

/**
 * The OSC server without OSGi, wired as its Declarative Services components are in the runtime: the H2 file
 * database (same URL form and pool size as the server's default), the job engine over the JPA store with the
 * server's default thread count, the reconcile service with every reconciler that takes part in membership and VNF
 * deployment, the plugin registry holding the given SDN and manager plugins, the Kubernetes connector (platform,
 * deployment target, shared clients), the membership subsystem (reconcile queue, router, deployment follower,
 * connector watcher) and the SDN push channel (which hands a notifying plugin its context). Left out: REST,
 * authentication, the periodic rounds of the connector watcher (the benchmark
 * calls {@link #follow()} once, which is what the watcher does at activation).
 *
 * <p>Opening a second one over the same folder after closing the first is what a server restart does.
 */
final class OscSide implements AutoCloseable {

    /** The options of the server's default H2 URL ({@code OscSettings.jdbcUrl()}). */
    static final String SERVER_H2_OPTIONS = "DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=256";

    /** The manager plugin's name, as the sample manager registers itself. */
    static final String MANAGER = "SampleManager";

    final Database database;
    final JobService jobs;
    final ReconcileService reconcile;
    final PluginRegistry plugins = new PluginRegistry();
    final PlatformRegistry platforms = new PlatformRegistry();
    final KubernetesClients clients = new KubernetesClients();
    final KubernetesPlatform platform;
    final ReconcileQueue queue;
    final PortCache ports = new PortCache();
    final ConnectorWatcher watcher;
    final SdnPushChannel push;
    final SecurityGroupService groups;
    final MemberService members;
    final BindingService bindings;
    final ManagerConnectorService managerConnectors;
    final CatalogService catalog;
    final DistributedApplianceService appliances;
    final DeploymentSpecService specs;
    final VirtualizationConnectorService connectors;

    /** {@link System#nanoTime()} of the platform's last pod resync report (0: none yet). */
    final AtomicLong podsResynced = new AtomicLong();
    /** {@link System#nanoTime()} of the platform's last VNF resync report (0: none yet). */
    final AtomicLong deploymentsResynced = new AtomicLong();
    /** {@link System#nanoTime()} when the last security group reconcile job completed. */
    final AtomicLong lastGroupJob = new AtomicLong();
    /** Security group reconcile jobs completed since start. */
    final AtomicInteger groupJobs = new AtomicInteger();
    /** Jobs of any kind completed since start. */
    final AtomicInteger completedJobs = new AtomicInteger();
    /** Jobs of any kind that failed since start. */
    final AtomicInteger failedJobs = new AtomicInteger();
    private volatile String lastFailure;

    /**
     * Opens the database in the folder (creating or migrating it), wires everything and starts the job engine.
     *
     * @param dir OSC's data folder
     * @param h2Options what follows the file name in the H2 URL ({@link #SERVER_H2_OPTIONS} as the server)
     * @param kind which SDN plugin it is: its name and service properties
     * @param sdn the SDN plugin, registered under the kind's name
     * @param manager the manager plugin, registered as {@value #MANAGER}
     * @param trace where pod reports and reconcile hand-overs are noted
     */
    OscSide(Path dir, String h2Options, SdnKind kind, SdnControllerApi sdn, ApplianceManagerApi manager,
            Trace trace) {
        database = Database.open("jdbc:h2:file:" + dir.resolve("db").resolve("osc").toString().replace('\\', '/')
                + ";" + h2Options, "", "", 8);
        jobs = new JobService(new JpaJobStore(database), 4, Duration.ofMinutes(10));
        jobs.engine().addListener(this::completed);
        // The server's queue, with the hand-over of each group request noted.
        queue = new ReconcileQueue() {
            @Override
            public void request(ObjectType type, long id) {
                super.request(type, id);
                if (type == ObjectType.SECURITY_GROUP) {
                    trace.submitted(id, System.nanoTime());
                }
            }
        };
        reconcile = new ReconcileService(jobs, queue);
        Plugins.sdn(plugins, kind, sdn);
        Plugins.manager(plugins, MANAGER, manager);
        platform = new KubernetesPlatform(clients);
        platforms.register(platform);
        platforms.register(new KubernetesDeploymentTarget(clients, ""));
        reconcile.register(new ManagerConnectorReconciler(database, plugins));
        reconcile.register(new DistributedApplianceReconciler(database, plugins));
        reconcile.register(new DeploymentSpecReconciler(database, platforms, plugins, queue));
        reconcile.register(new SecurityGroupReconciler(database, plugins, platforms, ports, queue));
        WorkloadEvents router = new MembershipRouter(database, queue);
        DeploymentEvents follower = new DeploymentFollower(database, queue);
        Plugins.call(platform, "bindWorkloadEvents", new Class<?>[] {WorkloadEvents.class}, tap(router, trace));
        Plugins.call(platform, "bindDeploymentEvents", new Class<?>[] {DeploymentEvents.class}, tap(follower));
        // The server's end of the push channel: a notifying plugin's reports become reconcile requests.
        push = new SdnPushChannel(database, plugins, queue, ports);
        watcher = new ConnectorWatcher(database, platforms, queue, id -> podsResynced.get() != 0);
        groups = new SecurityGroupService(database, plugins, reconcile);
        members = new MemberService(database, reconcile);
        bindings = new BindingService(database, plugins, reconcile);
        managerConnectors = new ManagerConnectorService(database, plugins, reconcile);
        catalog = new CatalogService(database, plugins);
        appliances = new DistributedApplianceService(database, plugins, reconcile);
        specs = new DeploymentSpecService(database, reconcile, platforms);
        connectors = new VirtualizationConnectorService(database, plugins, reconcile, platforms);
    }

    /**
     * What the connector watcher does when the server activates it: tells the platform to follow every connector
     * in the database, then requests a reconcile of every security group and deployment spec its platform does
     * not follow (the start-up resync); the followed ones are reconciled when the platform reports its first read.
     */
    void follow() {
        watcher.round();
        watcher.startupResync();
    }

    /** @return the job once completed; fails when it failed or took more than the timeout */
    JobRecord awaitPassed(long jobId, Duration timeout) throws Exception {
        JobRecord job = jobs.await(jobId, timeout);
        if (job.status() != JobStatus.PASSED) {
            throw new IllegalStateException("job " + jobId + " '" + job.name() + "' " + job.status() + ": "
                    + job.failureReason());
        }
        return job;
    }

    /** @return whether no reconcile waits or runs and no job is queued or running (retries not due yet aside) */
    boolean jobsIdle() {
        return queue.isIdle() && jobs.list(JobState.QUEUED, 1).isEmpty() && jobs.list(JobState.RUNNING, 1).isEmpty();
    }

    /** @return the failure reason of the last job that failed, or null */
    String lastFailure() {
        return lastFailure;
    }

    private void completed(JobRecord job) {
        completedJobs.incrementAndGet();
        if (job.status() != JobStatus.PASSED) {
            failedJobs.incrementAndGet();
            lastFailure = job.name() + ": " + job.failureReason();
        }
        if (job.objects().stream().anyMatch(o -> o.type().equals(ObjectType.SECURITY_GROUP.name()))) {
            groupJobs.incrementAndGet();
            lastGroupJob.set(System.nanoTime());
        }
    }

    private WorkloadEvents tap(WorkloadEvents router, Trace trace) {
        return new WorkloadEvents() {
            @Override
            public void workloadsChanged(long connectorId, Workload before, Workload after) {
                trace.reported(before, after, System.nanoTime());
                router.workloadsChanged(connectorId, before, after);
            }

            @Override
            public void resynced(long connectorId) {
                router.resynced(connectorId);
                podsResynced.set(System.nanoTime());
            }
        };
    }

    private DeploymentEvents tap(DeploymentEvents follower) {
        return new DeploymentEvents() {
            @Override
            public void deploymentChanged(long connectorId, long specId) {
                follower.deploymentChanged(connectorId, specId);
            }

            @Override
            public void resynced(long connectorId) {
                follower.resynced(connectorId);
                deploymentsResynced.set(System.nanoTime());
            }
        };
    }

    /** Stops following the cluster, lets running jobs finish, and closes the database: a server shutdown. */
    @Override
    public void close() {
        push.close();
        platform.close();
        clients.close();
        reconcile.close();
        jobs.engine().close();
        database.close();
    }
}
