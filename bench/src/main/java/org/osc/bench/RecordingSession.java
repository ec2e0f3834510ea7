package org.osc.bench;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.WorkloadIdentity;

/** A session of {@link RecordingSdn}: each call goes to the plugin's session and is recorded on its way back. */
final class RecordingSession implements RedirectionSession {

    /** One SPI call. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws SdnException;
    }

    private final RedirectionSession delegate;
    private final SdnLog log;

    RecordingSession(RedirectionSession delegate, SdnLog log) {
        this.delegate = delegate;
        this.log = log;
    }

    private <T> T call(String method, Call<T> call) throws SdnException {
        long start = System.nanoTime();
        try {
            return call.run();
        } finally {
            log.called(method, System.nanoTime() - start);
        }
    }

    private void run(String method, Call<Void> call) throws SdnException {
        call(method, call);
    }

    @Override
    public NetworkElement getWorkloadPort(WorkloadIdentity workload) throws SdnException {
        NetworkElement port = call("getWorkloadPort", () -> delegate.getWorkloadPort(workload));
        log.port(workload.namespace(), workload.name(), port.id());
        return port;
    }

    @Override
    public PortGroup registerPortGroup(String name, Set<NetworkElement> members) throws SdnException {
        log.wrote("registerPortGroup", name);
        PortGroup group = call("registerPortGroup", () -> delegate.registerPortGroup(name, members));
        log.portGroupWritten(group, System.nanoTime());
        return group;
    }

    @Override
    public PortGroup updatePortGroup(String portGroupId, Set<NetworkElement> members) throws SdnException {
        log.wrote("updatePortGroup", portGroupId);
        PortGroup group = call("updatePortGroup", () -> delegate.updatePortGroup(portGroupId, members));
        log.portGroupWritten(group, System.nanoTime());
        return group;
    }

    @Override
    public Optional<PortGroup> getPortGroup(String portGroupId) throws SdnException {
        return call("getPortGroup", () -> delegate.getPortGroup(portGroupId));
    }

    @Override
    public void deletePortGroup(String portGroupId) throws SdnException {
        log.wrote("deletePortGroup", portGroupId);
        run("deletePortGroup", () -> {
            delegate.deletePortGroup(portGroupId);
            return null;
        });
    }

    @Override
    public InspectionPort registerInspectionPort(NetworkElement ingress, NetworkElement egress) throws SdnException {
        log.wrote("registerInspectionPort", ingress.id());
        return call("registerInspectionPort", () -> delegate.registerInspectionPort(ingress, egress));
    }

    @Override
    public Optional<InspectionPort> getInspectionPort(String inspectionPortId) throws SdnException {
        return call("getInspectionPort", () -> delegate.getInspectionPort(inspectionPortId));
    }

    @Override
    public void removeInspectionPort(String inspectionPortId) throws SdnException {
        log.wrote("removeInspectionPort", inspectionPortId);
        run("removeInspectionPort", () -> {
            delegate.removeInspectionPort(inspectionPortId);
            return null;
        });
    }

    @Override
    public void setInspectionPortHealthy(String inspectionPortId, boolean healthy) throws SdnException {
        log.wrote("setInspectionPortHealthy", inspectionPortId + ", " + healthy);
        run("setInspectionPortHealthy", () -> {
            delegate.setInspectionPortHealthy(inspectionPortId, healthy);
            return null;
        });
    }

    @Override
    public boolean isInspectionPortHealthy(String inspectionPortId) throws SdnException {
        return call("isInspectionPortHealthy", () -> delegate.isInspectionPortHealthy(inspectionPortId));
    }

    @Override
    public InspectionHook installInspectionHook(InspectionHookSpec spec) throws SdnException {
        log.wrote("installInspectionHook", spec.inspected() + " -> " + spec.inspectionPortId());
        return call("installInspectionHook", () -> delegate.installInspectionHook(spec));
    }

    @Override
    public InspectionHook updateInspectionHook(String hookId, InspectionHookSpec spec) throws SdnException {
        log.wrote("updateInspectionHook", hookId);
        return call("updateInspectionHook", () -> delegate.updateInspectionHook(hookId, spec));
    }

    @Override
    public Optional<InspectionHook> getInspectionHook(String hookId) throws SdnException {
        return call("getInspectionHook", () -> delegate.getInspectionHook(hookId));
    }

    @Override
    public Optional<InspectionHook> findInspectionHook(InspectedElement inspected, String inspectionPortId)
            throws SdnException {
        return call("findInspectionHook", () -> delegate.findInspectionHook(inspected, inspectionPortId));
    }

    @Override
    public List<InspectionHook> getInspectionHooks(InspectedElement inspected) throws SdnException {
        return call("getInspectionHooks", () -> delegate.getInspectionHooks(inspected));
    }

    @Override
    public void removeInspectionHook(String hookId) throws SdnException {
        log.wrote("removeInspectionHook", hookId);
        run("removeInspectionHook", () -> {
            delegate.removeInspectionHook(hookId);
            return null;
        });
    }

    @Override
    public void removeAllInspectionHooks(InspectedElement inspected) throws SdnException {
        log.wrote("removeAllInspectionHooks", String.valueOf(inspected));
        run("removeAllInspectionHooks", () -> {
            delegate.removeAllInspectionHooks(inspected);
            return null;
        });
    }

    @Override
    public void close() {
        delegate.close();
    }
}
