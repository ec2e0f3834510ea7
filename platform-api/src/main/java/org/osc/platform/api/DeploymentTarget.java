package org.osc.platform.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Deploys the VNFs of deployment specs on one kind of virtualization connector. Registered as an OSGi
 * service by the platform's bundle (the Kubernetes connector for {@code KUBERNETES}); tests register their
 * own. The deployment spec reconciler calls it from its job, with the whole desired state each time, so
 * both methods must be idempotent: applying an unchanged spec changes nothing, removing a missing one is a
 * no-op.
 */
@ConsumerType
public interface DeploymentTarget {

    /** @return the virtualization connector type it serves, e.g. {@code KUBERNETES} */
    String type();

    /**
     * Makes the platform run what the spec asks (creates, updates or scales the VNF workload, recreates it
     * when it was deleted behind OSC's back).
     *
     * @param request the desired state, read from the database when the reconcile ran
     * @return the VNF instances running for the spec now, possibly fewer than asked while they start; the
     *     reconciler makes the distributed appliance instances match them
     * @throws PlatformException with a readable reason when the platform cannot do it
     */
    List<DeployedInstance> apply(DeploymentRequest request) throws PlatformException;

    /**
     * Removes everything the platform runs for the spec.
     *
     * @param request the spec being deleted
     * @throws PlatformException with a readable reason when the platform cannot do it
     */
    void remove(DeploymentRequest request) throws PlatformException;
}
