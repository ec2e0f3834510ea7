package org.osc.server.handoff;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseRecord;
import org.osc.server.leader.NotLeaderException;

/**
 * A leadership the test hands out and takes away, telling its listeners as the election would. Each term gets a
 * fencing token greater than every earlier term's (of any replica), as the lease's transitions count grows.
 */
final class FakeLeadership implements Leadership {

    private static final AtomicLong TRANSITIONS = new AtomicLong();

    private final String identity;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leader;
    private volatile long term;

    FakeLeadership(String identity, boolean leader) {
        this.identity = identity;
        this.leader = leader;
        this.term = TRANSITIONS.incrementAndGet();
    }

    void lead() {
        term = TRANSITIONS.incrementAndGet();
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
    public OptionalLong fencingToken() {
        return leader ? OptionalLong.of(term) : OptionalLong.empty();
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
