package org.osc.server.leader.internal;

import org.osc.server.leader.Leadership;

/**
 * The election a registry fences what it hands out with (plugins, deployment targets): inside the framework every
 * write goes through {@link Fencing}, refused while no election is bound ({@link NotElected}); outside it (tests,
 * the benchmark) nothing is fenced unless an election is given.
 */
public final class Fence {

    private final boolean framework;
    private volatile Leadership leadership;

    /** @param framework whether the registry runs inside the framework, where a write needs an election */
    public Fence(boolean framework) {
        this.framework = framework;
    }

    /** Fences with this election from now on. */
    public void follow(Leadership election) {
        leadership = election;
    }

    /** Forgets the election if it is the one followed. */
    public void forget(Leadership election) {
        if (leadership == election) {
            leadership = null;
        }
    }

    /** @return the service behind the fence, or itself when nothing fences (outside the framework, no election) */
    public <T> T wrap(Class<T> type, T service) {
        return framework || leadership != null ? Fencing.wrap(type, service, this::current) : service;
    }

    private Leadership current() {
        Leadership election = leadership;
        return election != null ? election : framework ? NotElected.INSTANCE : null;
    }
}
