package org.osc.sample.sdn;

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

/**
 * A session on the sample controller. It holds nothing but a closed flag: every call goes straight to the
 * controller, counted under the SPI method's name.
 */
final class SampleSession implements RedirectionSession {

    private final SampleSdnController controller;
    private volatile boolean closed;

    SampleSession(SampleSdnController controller) {
        this.controller = controller;
    }

    @Override
    public NetworkElement getWorkloadPort(WorkloadIdentity workload) throws SdnException {
        return call("getWorkloadPort", m -> m.workloadPort(workload));
    }

    @Override
    public PortGroup registerPortGroup(String name, Set<NetworkElement> members) throws SdnException {
        return call("registerPortGroup", m -> m.registerPortGroup(name, members));
    }

    @Override
    public PortGroup updatePortGroup(String portGroupId, Set<NetworkElement> members) throws SdnException {
        return call("updatePortGroup", m -> m.updatePortGroup(portGroupId, members));
    }

    @Override
    public Optional<PortGroup> getPortGroup(String portGroupId) throws SdnException {
        return call("getPortGroup", m -> m.portGroup(portGroupId));
    }

    @Override
    public void deletePortGroup(String portGroupId) throws SdnException {
        call("deletePortGroup", m -> {
            m.deletePortGroup(portGroupId);
            return null;
        });
    }

    @Override
    public InspectionPort registerInspectionPort(NetworkElement ingress, NetworkElement egress)
            throws SdnException {
        return call("registerInspectionPort", m -> m.registerInspectionPort(ingress, egress));
    }

    @Override
    public Optional<InspectionPort> getInspectionPort(String inspectionPortId) throws SdnException {
        return call("getInspectionPort", m -> m.inspectionPort(inspectionPortId));
    }

    @Override
    public void removeInspectionPort(String inspectionPortId) throws SdnException {
        call("removeInspectionPort", m -> {
            m.removeInspectionPort(inspectionPortId);
            return null;
        });
    }

    @Override
    public void setInspectionPortHealthy(String inspectionPortId, boolean healthy) throws SdnException {
        call("setInspectionPortHealthy", m -> {
            m.setInspectionPortHealthy(inspectionPortId, healthy);
            return null;
        });
    }

    @Override
    public boolean isInspectionPortHealthy(String inspectionPortId) throws SdnException {
        return call("isInspectionPortHealthy", m -> m.isInspectionPortHealthy(inspectionPortId));
    }

    @Override
    public InspectionHook installInspectionHook(InspectionHookSpec spec) throws SdnException {
        return call("installInspectionHook", m -> m.installHook(spec));
    }

    @Override
    public InspectionHook updateInspectionHook(String hookId, InspectionHookSpec spec) throws SdnException {
        return call("updateInspectionHook", m -> m.updateHook(hookId, spec));
    }

    @Override
    public Optional<InspectionHook> getInspectionHook(String hookId) throws SdnException {
        return call("getInspectionHook", m -> m.hook(hookId));
    }

    @Override
    public Optional<InspectionHook> findInspectionHook(InspectedElement inspected, String inspectionPortId)
            throws SdnException {
        return call("findInspectionHook", m -> m.findHook(inspected, inspectionPortId));
    }

    @Override
    public List<InspectionHook> getInspectionHooks(InspectedElement inspected) throws SdnException {
        return call("getInspectionHooks", m -> m.hooksOf(inspected));
    }

    @Override
    public void removeInspectionHook(String hookId) throws SdnException {
        call("removeInspectionHook", m -> {
            m.removeHook(hookId);
            return null;
        });
    }

    @Override
    public void removeAllInspectionHooks(InspectedElement inspected) throws SdnException {
        call("removeAllInspectionHooks", m -> {
            m.removeHooksOf(inspected);
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    private <T> T call(String operation, SampleSdnController.ModelCall<T> op) throws SdnException {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return controller.call(operation, op);
    }
}
