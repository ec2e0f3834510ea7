package org.osc.server.vc;

import java.util.ArrayList;
import java.util.List;

import org.osc.platform.api.ConnectorInfo;
import org.osc.platform.api.LabelSelector;
import org.osc.platform.api.PlatformException;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.platform.api.Workload;

/** A Kubernetes platform whose cluster check fails when told to, recording what it was asked. */
public final class CheckingPlatform implements VirtualizationPlatform {

    /** One check: the connector and namespaces asked about. */
    public record Check(ConnectorInfo connector, List<String> namespaces) {
    }

    /** The checks asked, in order. */
    public final List<Check> checks = new ArrayList<>();
    /** The connectors let go. */
    public final List<Long> unwatched = new ArrayList<>();
    private PlatformException failure;

    /** @param next thrown by every check from now on; null to pass */
    public void failWith(PlatformException next) {
        this.failure = next;
    }

    @Override
    public String type() {
        return "KUBERNETES";
    }

    @Override
    public synchronized void check(ConnectorInfo connector, List<String> namespaces) throws PlatformException {
        checks.add(new Check(connector, List.copyOf(namespaces)));
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized void unwatch(long connectorId) {
        unwatched.add(connectorId);
    }

    @Override
    public List<Workload> workloads(ConnectorInfo connector, List<LabelSelector> selectors, List<String> namespaces) {
        return List.of();
    }

    @Override
    public List<Workload> allWorkloads(ConnectorInfo connector, List<String> namespaces) {
        return List.of();
    }
}
