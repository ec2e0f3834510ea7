package org.osc.server.leader.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseLockFactory;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.LeaseSettings;
import org.osc.server.log.LogSafe;
import org.osc.server.metrics.LeaderMetrics;
import org.osc.server.persistence.Database;
import org.osc.server.secret.Refusal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's {@link Leadership}: a {@link SingleProcess} or a {@link LeaderElector} on the lock the settings
 * choose ({@link LockChoice}). Its configuration (PID {@value #PID}) is set by the server from
 * {@code OSC_LEADER_ELECTION}, {@code OSC_LEASE_*} and {@code OSC_POD_NAME}. A setting that does not fit (several
 * replicas on H2, a renew deadline not shorter than the lease) stops the start with one line.
 */
@Component(service = {Leadership.class, LeaderElection.class}, configurationPid = LeaderElection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = LeaderElection.Config.class)
public class LeaderElection implements Leadership {

    /** Configuration PID. */
    public static final String PID = "org.osc.server.leader";
    /** The factory kind of the Kubernetes Lease lock. */
    public static final String KUBERNETES = "kubernetes";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    /** The election's configuration. */
    @ObjectClassDefinition(name = "OSC leader election", description = "Set by OSC from its settings")
    public @interface Config {
        /** @return auto, none, database or kubernetes */
        String election() default "auto";

        /** @return how long the lease holds after a renewal */
        long leaseDurationSeconds() default 15;

        /** @return how long the leader leads after its last successful renewal */
        long renewDeadlineSeconds() default 10;

        /** @return how often each replica tries to take or renew the lease */
        long retrySeconds() default 2;

        /** @return this replica's identity (the pod name); empty: host name and process id */
        String identity() default "";

        /** @return the lease's name */
        String leaseName() default "osc-leader";

        /** @return the Kubernetes Lease's namespace; empty: the pod's */
        String leaseNamespace() default "";

        /** @return a kubeconfig for the Kubernetes Lease; empty: in-cluster */
        String kubeconfig() default "";

        /** @return whether OSC runs in a Kubernetes pod */
        boolean inPod() default false;
    }

    /** Who leads, as the status shows it. */
    public record Status(String identity, String leader, boolean isLeader, Instant since, String lock) {
    }

    private final List<LeaseLockFactory> factories = new CopyOnWriteArrayList<>();
    private volatile Leadership delegate;
    private final LeaderMetrics metrics;
    private final String lockSetting;

    /** Chooses the lock and starts the election. */
    @Activate
    public LeaderElection(Config config, @Reference Database database) {
        String identity = config.identity().isBlank() ? defaultIdentity() : config.identity().trim();
        LockChoice choice;
        ElectionTimings timings;
        try {
            choice = LockChoice.choose(config.election(), database.kind(), config.inPod());
            timings = new ElectionTimings(Duration.ofSeconds(config.leaseDurationSeconds()),
                    Duration.ofSeconds(config.renewDeadlineSeconds()), Duration.ofSeconds(config.retrySeconds()));
        } catch (IllegalArgumentException e) {
            throw Refusal.exit("OSC cannot start: " + e.getMessage());
        }
        lockSetting = choice.name().toLowerCase(java.util.Locale.ROOT);
        if (choice == LockChoice.NONE) {
            delegate = new SingleProcess(identity, Instant.now());
            metrics = new LeaderMetrics(identity, () -> true);
            // the default of a single process: nothing worth a line of a clean start
            LOG.debug("Leader election: none, this process ({}) always leads ({})", LogSafe.of(identity),
                    database.kind());
            return;
        }
        LeaseSettings settings = new LeaseSettings(config.leaseName(), config.leaseNamespace(), config.kubeconfig());
        Callable<LeaseLock> opener = choice == LockChoice.DATABASE ? () -> databaseLock(database, settings, timings)
                : () -> factory().open(settings);
        metrics = new LeaderMetrics(identity, this::leads);
        LeaderElector elector = new LeaderElector(identity, opener, timings, metrics);
        delegate = elector;
        elector.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFactory(LeaseLockFactory factory) {
        synchronized (factories) {
            factories.add(factory);
            factories.notifyAll();
        }
    }

    void removeFactory(LeaseLockFactory factory) {
        factories.remove(factory);
    }

    /** Stops the election and releases the lease this replica holds. */
    @Deactivate
    void deactivate() {
        if (delegate instanceof LeaderElector elector) {
            elector.stop();
        } else if (delegate instanceof SingleProcess single) {
            single.stop();
        }
        metrics.close();
    }

    private static LeaseLock databaseLock(Database database, LeaseSettings settings, ElectionTimings timings) {
        Duration timeout = timings.retryPeriod().multipliedBy(2);
        return new PostgresLeaseLock(settings.name(), () -> database.openOutsidePool("leader-election", timeout),
                database.describe().replaceAll("\\?.*", ""));
    }

    /** @return the Kubernetes lock's factory, once a bundle registered it (waiting and logging every 30 s) */
    private LeaseLockFactory factory() throws InterruptedException {
        long nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (factories) {
            while (true) {
                for (LeaseLockFactory factory : factories) {
                    if (KUBERNETES.equals(factory.kind())) {
                        return factory;
                    }
                }
                long now = System.nanoTime();
                if (now >= nextLog) {
                    LOG.warn("Waiting for the Kubernetes Lease lock ({}=kubernetes): no bundle registered it yet",
                            LockChoice.SETTING);
                    nextLog = now + TimeUnit.SECONDS.toNanos(30);
                }
                factories.wait(1000);
            }
        }
    }

    /** @return who leads, for the status */
    public Status status() {
        boolean leads = delegate.isLeader();
        String lock;
        Instant since;
        if (delegate instanceof LeaderElector elector) {
            lock = elector.lock().orElse("opening the " + lockSetting + " lock");
            since = elector.since().orElse(null);
        } else {
            lock = "none";
            since = ((SingleProcess) delegate).since();
        }
        String leader = leads ? identity() : delegate.lease().map(LeaseRecord::holder).orElse(null);
        return new Status(identity(), leader, leads, since, lock);
    }

    @Override
    public String identity() {
        return delegate.identity();
    }

    @Override
    public boolean isLeader() {
        return delegate.isLeader();
    }

    @Override
    public void checkLeader() {
        delegate.checkLeader();
    }

    @Override
    public OptionalLong fencingToken() {
        return delegate.fencingToken();
    }

    @Override
    public boolean fenced() {
        return delegate.fenced();
    }

    @Override
    public Optional<LeaseRecord> lease() {
        return delegate.lease();
    }

    @Override
    public void addListener(LeadershipListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        delegate.removeListener(listener);
    }

    /** @return the host name and process id, when no pod name is set */
    static String defaultIdentity() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "osc";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** @return whether this replica leads; false while the election is being set up (the gauge's callback) */
    private boolean leads() {
        Leadership current = delegate;
        return current != null && current.isLeader();
    }
}
