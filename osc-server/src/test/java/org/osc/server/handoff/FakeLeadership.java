package org.osc.server.handoff;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.NotLeaderException;

/** A leadership the test hands out and takes away, telling its listeners as the election would. */
final class FakeLeadership implements Leadership {

    private final String identity;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leader;

    FakeLeadership(String identity, boolean leader) {
        this.identity = identity;
        this.leader = leader;
    }

    void lead() {
        leader = true;
        listeners.forEach(LeadershipListener::startedLeading);
    }

    void lose() {
        leader = false;
        listeners.forEach(LeadershipListener::stoppedLeading);
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public void checkLeader() {
        if (!leader) {
            throw new NotLeaderException(identity, null);
        }
    }

    @Override
    public Optional<LeaseRecord> lease() {
        return Optional.empty();
    }

    @Override
    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
        if (leader) {
            listener.startedLeading();
        }
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }
}
