package org.osc.server.leader.internal;

import java.util.Optional;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.NotLeaderException;

/**
 * The leadership of a replica whose election has not started (or has stopped): it does not lead, so fencing refuses
 * every write. Used inside the framework while the election service is absent.
 */
public final class NotElected implements Leadership {

    /** The one instance. */
    public static final NotElected INSTANCE = new NotElected();

    private NotElected() {
    }

    @Override
    public String identity() {
        return "(no election)";
    }

    @Override
    public boolean isLeader() {
        return false;
    }

    @Override
    public void checkLeader() {
        throw new NotLeaderException(identity(), null);
    }

    @Override
    public Optional<LeaseRecord> lease() {
        return Optional.empty();
    }

    @Override
    public void addListener(LeadershipListener listener) {
        // never leads
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        // never leads
    }
}
