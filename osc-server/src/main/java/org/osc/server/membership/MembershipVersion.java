package org.osc.server.membership;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter bumped after every committed write that can change which groups a pod event concerns (a group's
 * label members, namespaces, protectAll, creation or deletion mark), so that {@link MembershipRouter} knows its
 * index is stale without asking the database on every event.
 *
 * <p>Static on purpose: the services that write groups and the router are separate components that must not
 * depend on each other (the router is optional, and a DS reference from the services to it would tie their
 * life cycles together). A bump by any instance in the JVM (tests create several) can only cause an extra
 * rebuild of an index, never a missed one: the counter only has to move, and it only moves forward.
 */
public final class MembershipVersion {

    private static final AtomicLong VERSION = new AtomicLong();

    private MembershipVersion() {
    }

    /** Called after a committed group or member change, before its reconcile is requested. */
    public static void bump() {
        VERSION.incrementAndGet();
    }

    /** @return the current version */
    static long current() {
        return VERSION.get();
    }
}
