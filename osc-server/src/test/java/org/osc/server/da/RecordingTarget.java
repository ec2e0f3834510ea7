package org.osc.server.da;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osc.server.da.spi.DeployedInstance;
import org.osc.server.da.spi.DeploymentRequest;
import org.osc.server.da.spi.DeploymentTarget;
import org.osc.server.platform.PlatformException;

/**
 * A platform in memory: keeps the requested count of instances per spec (pods named after the spec, with
 * stable uids), records every call, and fails on demand.
 */
final class RecordingTarget implements DeploymentTarget {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<Long, DeploymentRequest> deployed = new ConcurrentHashMap<>();
    volatile String failure;

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
            pods.add(new DeployedInstance(name, "uid-" + request.specId() + "-" + i, request.namespace(),
                    "10.0.0." + (i + 1), null));
        }
        return pods;
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
