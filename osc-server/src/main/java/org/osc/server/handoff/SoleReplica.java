package org.osc.server.handoff;

import java.util.Optional;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseRecord;

/**
 * The leadership of a server with no election: it always leads. The handoff follows it while no {@link Leadership}
 * service is registered (a single process; the election's own "always leader" replaces it once it is there).
 */
final class SoleReplica implements Leadership {

    static final SoleReplica INSTANCE = new SoleReplica();

    private SoleReplica() {
    }

    @Override
    public String identity() {
        return "this process";
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public void checkLeader() {
        // always leads
    }

    @Override
    public Optional<LeaseRecord> lease() {
        return Optional.empty();
    }

    @Override
    public void addListener(LeadershipListener listener) {
        listener.startedLeading();
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        // nothing is ever told again
    }
}
