package org.osc.simcluster.server.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness probe results per pod, with the thresholds of a Kubernetes readiness probe: a pod with a probe is not
 * ready until its first success; {@code successThreshold} successes in a row make it ready, {@code failureThreshold}
 * failures in a row unready. sim-cluster probes VNF pods every second with both thresholds at 1, so a change is
 * reported within about a second (Kubernetes' default failureThreshold of 3 would take three).
 */
public final class Readiness {

    private final int successThreshold;
    private final int failureThreshold;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(boolean ready, int successes, int failures) {
    }

    /**
     * @param successThreshold successes in a row that make an unready pod ready (at least 1)
     * @param failureThreshold failures in a row that make a ready pod unready (at least 1)
     */
    public Readiness(int successThreshold, int failureThreshold) {
        if (successThreshold < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        this.successThreshold = successThreshold;
        this.failureThreshold = failureThreshold;
    }

    /**
     * @param key the pod ({@code namespace/name})
     * @param success the probe's result
     * @return true if the pod's readiness changed with this result
     */
    public boolean record(String key, boolean success) {
        boolean[] changed = new boolean[1];
        states.compute(key, (k, old) -> {
            State s = old == null ? new State(false, 0, 0) : old;
            int successes = success ? s.successes() + 1 : 0;
            int failures = success ? 0 : s.failures() + 1;
            boolean ready = s.ready();
            if (!ready && successes >= successThreshold) {
                ready = true;
            } else if (ready && failures >= failureThreshold) {
                ready = false;
            }
            changed[0] = ready != s.ready();
            return new State(ready, successes, failures);
        });
        return changed[0];
    }

    /** @return whether the pod is ready; false before its first successful probe */
    public boolean isReady(String key) {
        State s = states.get(key);
        return s != null && s.ready();
    }

    /** @param key a pod that is gone or probed no more: a new pod of the same name starts unready */
    public void forget(String key) {
        states.remove(key);
    }
}
