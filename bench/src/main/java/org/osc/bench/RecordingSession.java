package org.osc.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** The port groups this session last read, by id: an update is listed with how it differs from them. */
    private final Map<String, PortGroup> read = new HashMap<>();

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

    /**
     * How the members of an update differ from the group as this session read it just before (what made OSC
     * write): ports added and removed by id, and ports of the same id that differ (MACs, IPs, parent).
     */
    private static String difference(PortGroup before, Set<NetworkElement> members) {
        if (before == null) {
            return "";
        }
        Map<String, NetworkElement> old = new HashMap<>();
        before.members().forEach(m -> old.put(m.id(), m));
        List<String> notes = new ArrayList<>();
        for (NetworkElement member : members) {
            NetworkElement was = old.remove(member.id());
            if (was == null) {
                notes.add("+" + member.id());
            } else if (!was.equals(member)) {
                notes.add("~" + member.id() + " read " + was + " written " + member);
            }
        }
        old.keySet().forEach(id -> notes.add("-" + id));
        return notes.isEmpty() ? " [as read]" : " [vs read: " + String.join(", ", notes.subList(0,
                Math.min(5, notes.size()))) + (notes.size() > 5 ? ", ... " + notes.size() + " in all" : "") + "]";
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
        log.wrote("updatePortGroup", portGroupId + difference(read.remove(portGroupId), members));
        PortGroup group = call("updatePortGroup", () -> delegate.updatePortGroup(portGroupId, members));
        log.portGroupWritten(group, System.nanoTime());
        return group;
    }

    @Override
    public Optional<PortGroup> getPortGroup(String portGroupId) throws SdnException {
        Optional<PortGroup> group = call("getPortGroup", () -> delegate.getPortGroup(portGroupId));
        group.ifPresent(g -> read.put(portGroupId, g));
        return group;
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
