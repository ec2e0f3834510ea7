package org.osc.sample.sdn;

import java.util.List;
import java.util.Optional;

import org.osc.sample.sdn.SampleSdnViews.PortGroupView;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sample.sdn.SampleSdnViews.PortView;
import org.osc.sample.sdn.SampleSdnViews.Snapshot;

/**
 * What the sample's REST resource may do to the controller: observe it, tell it ports, and simulate drift
 * and outages. None of these count as SPI calls. Each change is reported to OSC when OSC handed the
 * controller a notification context, for every connector the controller has seen. Internal to the bundle.
 */
public interface SampleSdnAdmin {

    /** An immutable copy of the whole state and the call counters. */
    Snapshot snapshot();

    /**
     * Sets a pod's port, as if the pod had attached to the controller's network. Notifies
     * {@code workloadPortChanged} if the port is new or differs from the one the pod had.
     *
     * @throws IllegalArgumentException for a blank name, a malformed MAC or IP, or a port id of another pod
     */
    PortView putPort(String namespace, String name, PortRequest request);

    /**
     * Forgets a pod's port, as if the pod had detached from the network: the port leaves the port groups that
     * had it; inspection ports and hooks naming it stay for OSC to repair. Notifies
     * {@code workloadPortChanged} (no addresses) and {@code elementChanged} for each group it left. A later
     * lookup with a uid and IPs learns the port again.
     *
     * @return false if the controller had no port for the pod
     * @throws IllegalArgumentException for a blank name
     */
    boolean deletePort(String namespace, String name);

    /**
     * Deletes a port group and its hooks behind OSC's back; false if there is no such group. Notifies
     * {@code elementChanged} for the group and for each hook.
     */
    boolean deletePortGroup(String id);

    /**
     * Sets a port group's members behind OSC's back. Notifies {@code elementChanged} if they differ.
     *
     * @param portIds ids of ports the controller knows
     * @return the group, or empty if there is no such group
     * @throws IllegalArgumentException if a port id is blank or unknown
     */
    Optional<PortGroupView> setPortGroupMembers(String id, List<String> portIds);

    /**
     * Deletes an inspection port and the hooks to it behind OSC's back; false if there is none. Notifies
     * {@code elementChanged} for the inspection port and for each hook.
     */
    boolean deleteInspectionPort(String id);

    /** Deletes a hook behind OSC's back; false if there is none. Notifies {@code elementChanged}. */
    boolean deleteHook(String id);

    /** Makes every SPI call fail with ControllerUnreachableException (false) or work again (true). */
    void setReachable(boolean reachable);
}
