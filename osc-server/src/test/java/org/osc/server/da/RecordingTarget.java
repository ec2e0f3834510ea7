package org.osc.server.da;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.platform.api.DeployedInstance;
import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.DeploymentTarget;
import org.osc.platform.api.PlatformException;

/**
 * A platform in memory: keeps the requested count of instances per spec (pods named after the spec, with
 * stable uids), records every call, and fails on demand. Tests can replace a pod (same name, new uid), move
 * every pod to other IPs, hold back a pod's IP, or have a pod fail its readiness probe.
 */
final class RecordingTarget implements DeploymentTarget {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<Long, DeploymentRequest> deployed = new ConcurrentHashMap<>();
    volatile String failure;
    /** How often the pod at each index was replaced. */
    final Map<Integer, Integer> replaced = new ConcurrentHashMap<>();
    /** Indexes of pods without an IP yet. */
    final Set<Integer> unaddressed = ConcurrentHashMap.newKeySet();
    /** Indexes of pods whose readiness probe fails. */
    final Set<Integer> unready = ConcurrentHashMap.newKeySet();
    /** The subnet pods get their IPs from. */
    volatile int subnet;

    @Override
    public String type() {
        return "KUBERNETES";
    }

    @Override
    public List<DeployedInstance> apply(DeploymentRequest request) throws PlatformException {
        calls.add("apply " + request.specName() + " x" + request.count());
        if (failure != null) {
            throw new PlatformException(failure);
        }
        deployed.put(request.specId(), request);
        List<DeployedInstance> pods = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            String name = request.specName() + "-" + i;
            int generation = replaced.getOrDefault(i, 0);
            String uid = "uid-" + request.specId() + "-" + i + (generation == 0 ? "" : "-r" + generation);
            String ip = unaddressed.contains(i) ? null : "10.0." + subnet + "." + (i + 1);
            pods.add(new DeployedInstance(name, uid, request.namespace(), ip, null, !unready.contains(i)));
        }
        return pods;
    }

    /** The pod at the index is deleted and its controller starts another with the same name. */
    void replace(int index) {
        replaced.merge(index, 1, Integer::sum);
    }

    @Override
    public void remove(DeploymentRequest request) throws PlatformException {
        calls.add("remove " + request.specName());
        if (failure != null) {
            throw new PlatformException(failure);
        }
        deployed.remove(request.specId());
    }
}
