package org.osc.server.user;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bounded pool that runs bcrypt checks: a fixed number of threads and a bounded number of checks waiting, so
 * that a flood of wrong passwords (each one a bcrypt check the cache of verified credentials cannot answer) takes at
 * most those threads' share of the CPU and never queues without limit. A check that finds the pool full is refused
 * at once ({@link TooManyChecksException}) instead of waiting.
 *
 * <p>Two lanes: a check of a credential that was verified before (its cache entry expired) goes ahead of the others
 * and has room of its own, so a legitimate client whose cached credential expires during a flood waits for the
 * checks running, not for the flood's queue. Only the right password of a user can be such a credential.
 */
public final class PasswordChecks implements AutoCloseable {

    /** Room of the priority lane beyond the threads: as many re-checks of known credentials as may wait. */
    static final int PRIORITY_QUEUE = 64;

    private final ThreadPoolExecutor executor;
    private final Semaphore normal;
    private final Semaphore priority;
    private final AtomicLong order = new AtomicLong();
    private final int threads;
    private final int queue;

    /**
     * @param threads how many checks run at once (at least 1)
     * @param queue how many more may wait (at least 0); a check beyond is refused
     */
    public PasswordChecks(int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads must be at least 1 and queue at least 0");
        }
        this.threads = threads;
        this.queue = queue;
        this.normal = new Semaphore(threads + queue);
        this.priority = new Semaphore(threads + PRIORITY_QUEUE);
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "osc-password-check-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // No thread is kept while nobody logs in (a pool nobody closes, in a test, leaves none behind either).
        executor.allowCoreThreadTimeOut(true);
    }

    /** @return how many checks run at once */
    public int threads() {
        return threads;
    }

    /** @return how many checks may wait beyond those running */
    public int queue() {
        return queue;
    }

    /**
     * Runs a check on the pool.
     *
     * @param check the check (a bcrypt verification)
     * @param known whether the credential was verified before (the priority lane)
     * @return the check's answer, when it has run
     * @throws TooManyChecksException at once when the lane is full
     */
    public CompletableFuture<Boolean> submit(BooleanSupplier check, boolean known) {
        Semaphore lane = known ? priority : normal;
        if (!lane.tryAcquire()) {
            throw new TooManyChecksException();
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        try {
            executor.execute(new Task(known, order.getAndIncrement(), check, answer, lane));
        } catch (RuntimeException e) {
            lane.release();
            throw new TooManyChecksException();
        }
        return answer;
    }

    /** Stops the threads; a check still waiting fails (IllegalStateException) rather than leave its caller. */
    @Override
    public void close() {
        for (Runnable waiting : executor.shutdownNow()) {
            ((Task) waiting).answer.completeExceptionally(new IllegalStateException("The server is stopping"));
        }
    }

    /** A check in the executor's queue: known credentials first, then in the order they came. */
    private record Task(boolean known, long order, BooleanSupplier check, CompletableFuture<Boolean> answer,
            Semaphore lane) implements Runnable, Comparable<Task> {

        @Override
        public void run() {
            boolean verified = false;
            Throwable failure = null;
            try {
                verified = check.getAsBoolean();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                // Before the caller hears: its next check must find this place free.
                lane.release();
            }
            if (failure == null) {
                answer.complete(verified);
            } else {
                answer.completeExceptionally(failure);
            }
        }

        @Override
        public int compareTo(Task other) {
            if (known != other.known) {
                return known ? -1 : 1;
            }
            return Long.compare(order, other.order);
        }
    }
}
