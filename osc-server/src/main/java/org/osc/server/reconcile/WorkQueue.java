package org.osc.server.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.osc.server.metrics.QueueMetrics;

/**
 * The reconcile loop's queue of keys, in the shape of client-go's work queue: a key added while it waits is
 * queued once; a key taken by a worker is "processing" until {@link #done}, and a key added meanwhile runs again
 * after, never at the same time; keys can be added after a delay, or after a per-key exponential backoff
 * ({@link #addRateLimited}) that {@link #forget} resets.
 *
 * <p>Every operation is in memory and quick, so event threads (informers, plugins) may call it. Thread-safe: one
 * monitor guards everything; workers wait on it in {@link #take}.
 *
 * @param <K> the key type (equals and hashCode define "the same key")
 */
public final class WorkQueue<K> {

    private record Delayed<K>(K key, Instant at, long sequence) implements Comparable<Delayed<K>> {
        @Override
        public int compareTo(Delayed<K> other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Clock clock;
    private final Backoff backoff;
    private final QueueMetrics<K> metrics = new QueueMetrics<>("reconcile");
    // guarded by this
    private final Deque<K> ready = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>();
    /** The earliest pending delayed add of each key: a later one for the same key is not kept. */
    private final Map<K, Instant> delayedAt = new HashMap<>();
    private long sequence;
    private boolean shutDown;

    /** A queue on the system clock with the default backoff (100 ms doubling to 5 min). */
    public WorkQueue() {
        this(Clock.systemUTC(), new Backoff(Backoff.DEFAULT_BASE, Backoff.DEFAULT_CAP));
    }

    /** A queue on the given clock and backoff (tests). */
    public WorkQueue(Clock clock, Backoff backoff) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** Queues the key unless it is queued already; a key being processed is queued again when it is done. */
    public synchronized void add(K key) {
        Objects.requireNonNull(key, "key");
        if (shutDown || !dirty.add(key)) {
            return;
        }
        metrics.added();
        if (!processing.contains(key)) {
            ready.addLast(key);
            metrics.queued(key, ready.size());
            notifyAll();
        }
    }

    /**
     * Queues the key once the delay has passed (at once when it is zero or less). Of several delayed adds of one
     * key the earliest counts; an {@link #add} in between queues it at once anyway.
     */
    public synchronized void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        if (shutDown) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        Instant at = clock.instant().plus(delay);
        Instant earlier = delayedAt.get(key);
        if (earlier != null && !earlier.isAfter(at)) {
            return;
        }
        delayedAt.put(key, at);
        delayed.add(new Delayed<>(key, at, sequence++));
        notifyAll();
    }

    /**
     * Queues the key after its backoff: the base delay the first time, doubling with every further call until
     * {@link #forget}, up to the cap.
     *
     * @return the delay chosen
     */
    public synchronized Duration addRateLimited(K key) {
        Duration delay = backoff.next(key);
        metrics.retried();
        addAfter(key, delay);
        return delay;
    }

    /**
     * Queues the key after its backoff, or after {@code atLeast} when that is longer: a reconcile that passed but
     * asked to be looked at again, whose repeats must back off too.
     *
     * @return the delay chosen
     */
    public synchronized Duration addRateLimited(K key, Duration atLeast) {
        Duration backedOff = backoff.next(key);
        Duration delay = backedOff.compareTo(atLeast) < 0 ? atLeast : backedOff;
        metrics.retried();
        addAfter(key, delay);
        return delay;
    }

    /** The key succeeded: its next failure starts the backoff again from the base delay. */
    public synchronized void forget(K key) {
        backoff.forget(key);
    }

    /** @return how many rate-limited adds the key had since it was last forgotten */
    public synchronized int failures(K key) {
        return backoff.failures(key);
    }

    /**
     * Waits for a key to process and marks it processing; the caller must call {@link #done} with it.
     *
     * @return the key, or empty once the queue is shut down
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public synchronized Optional<K> take() throws InterruptedException {
        while (true) {
            if (shutDown) {
                return Optional.empty();
            }
            promoteDue();
            K key = ready.pollFirst();
            if (key != null) {
                dirty.remove(key);
                processing.add(key);
                metrics.taken(key, ready.size(), true);
                return Optional.of(key);
            }
            Delayed<K> next = delayed.peek();
            if (next == null) {
                wait();
            } else {
                long millis = Duration.between(clock.instant(), next.at()).toMillis();
                if (millis > 0) {
                    TimeUnit.MILLISECONDS.timedWait(this, millis);
                }
            }
        }
    }

    /**
     * Marks the key processing for a caller that reconciles it outside the workers (inline, as part of another
     * key's reconcile), waiting while a worker processes it; the caller must call {@link #done} with it. A queued
     * add of the key is taken over by the caller (its run covers it), a delayed one stays.
     *
     * @return false if the key was still processing when the timeout ran out, or the queue is shut down
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public synchronized boolean claim(K key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processing.contains(key)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || shutDown) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (shutDown) {
            return false;
        }
        if (dirty.remove(key)) {
            ready.remove(key);
            metrics.taken(key, ready.size(), false);
        }
        processing.add(key);
        return true;
    }

    /** The key's processing ended: if it was added meanwhile, it is queued again now. */
    public synchronized void done(K key) {
        processing.remove(key);
        if (dirty.contains(key) && !shutDown) {
            ready.addLast(key);
            metrics.queued(key, ready.size());
        }
        notifyAll(); // workers waiting for a key, and callers waiting to claim this one
    }

    /** @return the number of keys waiting to be taken (not the delayed ones, nor those processing) */
    public synchronized int depth() {
        promoteDue();
        return ready.size();
    }

    /** @return whether nothing is waiting or processing; delayed adds not yet due do not count */
    public synchronized boolean isIdle() {
        promoteDue();
        return dirty.isEmpty() && processing.isEmpty();
    }

    /** @return when the key's delayed add is due, if it has one */
    public synchronized Optional<Instant> dueAt(K key) {
        return Optional.ofNullable(delayedAt.get(key));
    }

    /** Stops handing out keys: waiting workers get an empty {@link #take}; later adds are ignored. */
    public synchronized void shutDown() {
        shutDown = true;
        ready.clear();
        dirty.clear();
        delayed.clear();
        delayedAt.clear();
        metrics.cleared();
        notifyAll();
    }

    private void promoteDue() {
        Instant now = clock.instant();
        while (!delayed.isEmpty() && !delayed.peek().at().isAfter(now)) {
            Delayed<K> due = delayed.poll();
            // a stale entry: a later addAfter replaced it with an earlier time, which has run already
            if (due.at().equals(delayedAt.get(due.key()))) {
                delayedAt.remove(due.key());
                add(due.key());
            }
        }
    }
}
