package org.osc.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code osc_membership_programming_duration_seconds}: from the pod event OSC received to the port group write
 * that applied it, as OVN-Kubernetes' network programming duration. The router notes when an event concerning a
 * group arrived ({@link #received}); the group's port group step reads the earliest note not yet applied when it
 * starts ({@link #pending}) and, once the port group holds the pods it read, records the time since then and
 * clears the note ({@link #programmed}). A note is per group: events before a run count as one, timed from the
 * first, which is what a user waits for. An event arriving while a run that started with no note is going adds a
 * note the next run (the queue runs the group again) records.
 *
 * <p>GAP: the clock starts when the server's router receives the event from the platform, not when the API server
 * sent it: the watch's and the connector's own delay before the router is not in it.
 */
public final class MembershipLatency {

    /** The earliest unapplied event per security group id, in {@link System#nanoTime()}. */
    private static final Map<Long, Long> PENDING = new ConcurrentHashMap<>();

    private MembershipLatency() {
    }

    /**
     * A pod event concerning the group arrived.
     *
     * @param at when, in {@link System#nanoTime()}
     */
    public static void received(long groupId, long at) {
        PENDING.putIfAbsent(groupId, at);
    }

    /**
     * @return when the earliest event the group's port group step is about to apply arrived, or null when none
     *     waits (a REST write, a resync, a retry)
     */
    public static Long pending(long groupId) {
        return PENDING.get(groupId);
    }

    /**
     * The group's port group holds the pods the step read; records the time since the event and clears its note.
     *
     * @param since what {@link #pending} answered when the step started; nothing is recorded when null
     */
    public static void programmed(long groupId, Long since) {
        if (since != null && PENDING.remove(groupId, since)) {
            OscMetrics.MEMBERSHIP_PROGRAMMING.observe((System.nanoTime() - since) / 1e9);
        }
    }

    /** The group is gone: its note, if any, goes with it. */
    public static void forget(long groupId) {
        PENDING.remove(groupId);
    }
}
