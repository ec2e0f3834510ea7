package org.osc.server.job;

import java.util.function.Supplier;

/**
 * Who starts the jobs the current thread prepares: the REST filter names the request's user (or API token) for
 * the time of a request, the resync names itself; a thread that names no one starts jobs for {@link #CLUSTER}
 * events, as the reconcile loop's event sources (informers, the SDN push channel) do. The job shows it as
 * {@code startedBy}.
 */
public final class StartedBy {

    /** Jobs for events of a cluster, an SDN controller or a plugin (the reconcile loop's event sources). */
    public static final String CLUSTER = "cluster";
    /** Jobs of the periodic full resync. */
    public static final String RESYNC = "resync";
    /** Jobs of the resync when the server starts. */
    public static final String STARTUP = "startup";
    /** Jobs that retry an object whose reconcile failed or asked to be looked at again. */
    public static final String RETRY = "retry";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private StartedBy() {
    }

    /** @return who the current thread starts jobs for, or null when it names no one */
    public static String current() {
        return CURRENT.get();
    }

    /** Names who the current thread starts jobs for, until {@link #clear()}; null clears. */
    public static void set(String who) {
        if (who == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(who);
        }
    }

    /** The current thread names no one any more. */
    public static void clear() {
        CURRENT.remove();
    }

    /** Runs work with the current thread naming who, then restores what it named before. */
    public static void run(String who, Runnable work) {
        call(who, () -> {
            work.run();
            return null;
        });
    }

    /** Calls work with the current thread naming who, then restores what it named before. */
    public static <T> T call(String who, Supplier<T> work) {
        String before = CURRENT.get();
        set(who);
        try {
            return work.get();
        } finally {
            set(before);
        }
    }
}
