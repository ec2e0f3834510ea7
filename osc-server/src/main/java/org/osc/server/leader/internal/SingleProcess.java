package org.osc.server.leader.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.server.leader.Leadership;
import org.osc.server.leader.LeadershipListener;
import org.osc.server.leader.LeaseRecord;

/**
 * The election of a single process ({@code OSC_LEADER_ELECTION=none}, and the default on H2): it always leads,
 * from its start to its stop.
 */
public final class SingleProcess implements Leadership {

    private final String identity;
    private final Instant since;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();

    /** @param identity this process's identity */
    public SingleProcess(String identity, Instant since) {
        this.identity = identity;
        this.since = since;
    }

    @Override
    public String identity() {
        return identity;
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
    public OptionalLong fencingToken() {
        return OptionalLong.of(0);
    }

    @Override
    public boolean fenced() {
        return false;
    }

    @Override
    public Optional<LeaseRecord> lease() {
        return Optional.empty();
    }

    /** @return when it started */
    public Instant since() {
        return since;
    }

    @Override
    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
        listener.startedLeading();
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }

    /** The server stops: every listener is told it no longer leads. */
    public void stop() {
        listeners.forEach(LeadershipListener::stoppedLeading);
    }
}
