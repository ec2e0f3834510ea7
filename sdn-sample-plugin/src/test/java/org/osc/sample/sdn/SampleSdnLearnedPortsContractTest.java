package org.osc.sample.sdn;

import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * The contract again, with ports learned from the pod identity on first lookup (as with the simulated
 * cluster) instead of told over REST.
 */
class SampleSdnLearnedPortsContractTest extends SampleSdnContractTest {

    @Override
    protected void givenWorkload(WorkloadIdentity workload) {
        // Nothing to do: the contract's workloads carry a uid and an IP, from which the sample derives a port.
    }

    @Override
    protected void givenWorkloadPortChange(WorkloadIdentity workload) {
        // A port learned at lookup is OSC's own doing and is not pushed; a port told over the admin path is.
        super.givenWorkload(workload);
    }
}
