package org.osc.server.leader.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseException;
import org.osc.server.leader.LeaseLock;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.NotLeaderException;
import org.osc.server.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The election of one replica: every retry period it takes or renews the lease through its {@link LeaseLock}; it
 * leads while its last successful renewal is younger than the renew deadline, measured on the monotonic clock
 * ({@link System#nanoTime()}) from the moment that renewal was <em>sent</em>, since the lock's store renewed the
 * lease at some moment after that. A process paused (SIGSTOP) or starved sees the deadline passed as soon as it
 * runs again, before any other step.
 *
 * <p>A watchdog of its own compares the deadline, so that a renewal that hangs (a database that does not answer)
 * cannot keep this replica leading; {@link #isLeader()} compares it too, so fencing never depends on the watchdog
 * having run. Listeners are told in order on a thread of their own.
 */
public final class LeaderElector implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);
    /** Waited past another's lease's end before trying to take it: the lock's clock and ours differ a little. */
    static final Duration EXPIRY_MARGIN = Duration.ofMillis(100);

    private final String identity;
    private final Callable<LeaseLock> opener;
    private final ElectionTimings timings;
    private final LongSupplier nanos;
    private final Clock clock;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private final ElectionEvents events;
    private volatile LeaseLock lock;
    private volatile boolean stopped;
    private Thread loop;
    private ScheduledExecutorService watchdog;

    // guarded by this
    private boolean leading;
    private long renewedAt;
    private Instant since;
    /** The fencing token of the current term: the lease's transitions count when this replica took it. */
    private long term;
    private LeaseRecord lastLease;
    private String lastFailure;

    /**
     * @param identity this replica's identity in the election
     * @param opener opens the lock on the election's thread (it may wait for a lock's provider); called again
     *     after a retry period when it fails
     * @param timings the lease duration, renew deadline and retry period
     * @param events told of every start and stop of this replica's leadership (metrics)
     */
    public LeaderElector(String identity, Callable<LeaseLock> opener, ElectionTimings timings, ElectionEvents events) {
        this(identity, opener, timings, events, System::nanoTime, Clock.systemUTC(),
                Executors.newSingleThreadExecutor(r -> daemon(r, "osc-leader-listeners")));
    }

    /** An elector with its clocks and listeners' executor given: for tests, which drive {@link #attempt()}. */
    LeaderElector(String identity, Callable<LeaseLock> opener, ElectionTimings timings, ElectionEvents events,
            LongSupplier nanos, Clock clock, ExecutorService notifier) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.opener = opener;
        this.timings = timings;
        this.events = events;
        this.nanos = nanos;
        this.clock = clock;
        this.notifier = notifier;
    }

    /** Starts the election's loop and its watchdog. */
    public synchronized void start() {
        loop = daemon(this::run, "osc-leader-election");
        long tick = Math.max(50, Math.min(500, timings.retryPeriod().toMillis() / 4));
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "osc-leader-watchdog"));
        watchdog.scheduleWithFixedDelay(this::checkDeadline, tick, tick, TimeUnit.MILLISECONDS);
        loop.start();
    }

    /**
     * A clean stop: the loops stop, the listeners are told this replica no longer leads (and have returned), then
     * the lease is released so that another replica takes over at once instead of after the lease expires.
     */
    public void stop() {
        stopped = true;
        Thread running;
        synchronized (this) {
            running = loop;
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(timings.retryPeriod().toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean held;
        synchronized (this) {
            held = leading;
            if (leading) {
                end("the server stops");
            }
        }
        notifier.shutdown();
        try {
            notifier.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LeaseLock opened = lock;
        if (held && opened != null) {
            try {
                opened.release(identity);
                LOG.info("Released the lease ({}) for another replica to take over", opened.describe());
            } catch (LeaseException e) {
                LOG.warn("Could not release the lease ({}): {}; another replica takes it when it expires",
                        opened.describe(), LogSafe.of(e.getMessage()));
            }
        }
        if (opened instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("The lease lock did not close cleanly: {}", e.getMessage());
            }
        }
    }

    private void run() {
        while (!stopped && lock == null) {
            try {
                openLock();
                LOG.info("Leader election of {} on {} (lease {} s, renew deadline {} s, retry {} s)",
                        LogSafe.of(identity), lock.describe(), timings.leaseDuration().toSeconds(),
                        timings.renewDeadline().toSeconds(), timings.retryPeriod().toSeconds());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failed("Cannot open the lease lock: " + e.getMessage());
                if (!pause()) {
                    return;
                }
            }
        }
        while (!stopped) {
            attempt();
            if (!pause(nextPause())) {
                return;
            }
        }
    }

    /**
     * @return how long to wait before the next attempt: the retry period, or less when another replica's lease runs
     *     out sooner (so that a replica waiting to lead takes an expired lease at once, not up to a retry period
     *     later: after a crash, the takeover is bounded by the lease duration, not the lease plus a retry)
     */
    synchronized Duration nextPause() {
        Duration retry = timings.retryPeriod();
        LeaseRecord seen = lastLease;
        if (leading || seen == null || seen.holder() == null || seen.heldBy(identity) || seen.remaining() == null) {
            return retry;
        }
        Duration wake = seen.remaining().plus(EXPIRY_MARGIN);
        return wake.compareTo(retry) < 0 ? wake : retry;
    }

    /** Opens the lock (on the election's thread; tests call it directly). */
    void openLock() throws Exception {
        lock = opener.call();
    }

    private boolean pause() {
        return pause(timings.retryPeriod());
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** One try to take or renew the lease, and what follows from it. */
    void attempt() {
        LeaseLock opened = lock;
        if (opened == null) {
            return;
        }
        long sent = nanos.getAsLong();
        LeaseRecord lease;
        try {
            lease = opened.acquireOrRenew(identity, timings.leaseDuration());
        } catch (LeaseException | RuntimeException e) {
            failed("Cannot renew the lease (" + opened.describe() + "): " + e.getMessage());
            checkDeadline();
            return;
        }
        synchronized (this) {
            if (lastFailure != null) {
                LOG.info("The lease lock ({}) answers again", opened.describe());
                lastFailure = null;
            }
            lastLease = lease;
            if (lease.heldBy(identity)) {
                renewedAt = sent;
                if (!leading && !stopped && young()) {
                    begin(lease.transitions());
                }
            } else if (leading) {
                end("the lease is held by " + lease.holder());
            }
        }
        checkDeadline();
    }

    /** Stops leading when the last successful renewal is older than the renew deadline. */
    synchronized void checkDeadline() {
        if (leading && !young()) {
            end("the lease was not renewed within " + timings.renewDeadline().toSeconds() + " s");
        }
    }

    private synchronized void failed(String reason) {
        if (!reason.equals(lastFailure)) {
            LOG.warn("{}", LogSafe.of(reason));
        }
        lastFailure = reason;
    }

    /** @return whether the last successful renewal was sent within the renew deadline; guarded by this */
    private boolean young() {
        return nanos.getAsLong() - renewedAt < timings.renewDeadline().toNanos();
    }

    private void begin(long token) {
        leading = true;
        since = clock.instant();
        term = token;
        LOG.info("This replica ({}) leads from now on ({}, fencing token {})", LogSafe.of(identity), lock.describe(),
                token);
        events.startedLeading(identity);
        listeners.forEach(l -> tell(l, true));
    }

    private void end(String reason) {
        leading = false;
        since = null;
        LOG.warn("This replica ({}) no longer leads: {}", LogSafe.of(identity), LogSafe.of(reason));
        events.stoppedLeading(identity);
        listeners.forEach(l -> tell(l, false));
    }

    private void tell(LeadershipListener listener, boolean started) {
        try {
            notifier.execute(() -> {
                try {
                    if (started) {
                        listener.startedLeading();
                    } else {
                        listener.stoppedLeading();
                    }
                } catch (RuntimeException e) {
                    LOG.error("A leadership listener failed: {}", e.getMessage(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Leadership listener not told: the election stops");
        }
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public synchronized boolean isLeader() {
        return leading && young();
    }

    @Override
    public void checkLeader() {
        if (!isLeader()) {
            throw new NotLeaderException(identity, lease().map(LeaseRecord::holder).orElse(null));
        }
    }

    /** @return the lease's transitions count when this replica took it, while it leads; empty otherwise */
    @Override
    public synchronized OptionalLong fencingToken() {
        return leading && young() ? OptionalLong.of(term) : OptionalLong.empty();
    }

    @Override
    public synchronized Optional<LeaseRecord> lease() {
        return Optional.ofNullable(lastLease).filter(l -> l.holder() != null && !l.holder().isEmpty());
    }

    /** @return since when this replica leads, empty when it does not */
    public synchronized Optional<Instant> since() {
        return isLeader() ? Optional.ofNullable(since) : Optional.empty();
    }

    /** @return the lock, as it describes itself; empty until it is opened */
    public Optional<String> lock() {
        return Optional.ofNullable(lock).map(LeaseLock::describe);
    }

    @Override
    public synchronized void addListener(LeadershipListener listener) {
        listeners.add(listener);
        if (leading) {
            tell(listener, true);
        }
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
