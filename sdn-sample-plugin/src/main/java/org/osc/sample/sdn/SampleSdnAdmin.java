package org.osc.sample.sdn;

import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sample.sdn.SampleSdnViews.PortView;
import org.osc.sample.sdn.SampleSdnViews.Snapshot;

/**
 * What the sample's REST resource may do to the controller: observe it, tell it ports, and simulate drift
 * and outages. None of these count as SPI calls. Internal to the bundle.
 */
public interface SampleSdnAdmin {

    /** An immutable copy of the whole state and the call counters. */
    Snapshot snapshot();

    /**
     * Sets a pod's port, as if the pod had attached to the controller's network.
     *
     * @throws IllegalArgumentException for a blank name, a malformed MAC or IP, or a port id of another pod
     */
    PortView putPort(String namespace, String name, PortRequest request);

    /** Deletes a port group and its hooks behind OSC's back; false if there is no such group. */
    boolean deletePortGroup(String id);

    /** Deletes an inspection port and the hooks to it behind OSC's back; false if there is none. */
    boolean deleteInspectionPort(String id);

    /** Deletes a hook behind OSC's back; false if there is none. */
    boolean deleteHook(String id);

    /** Makes every SPI call fail with ControllerUnreachableException (false) or work again (true). */
    void setReachable(boolean reachable);
}
