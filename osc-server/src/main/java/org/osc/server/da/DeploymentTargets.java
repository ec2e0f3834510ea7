package org.osc.server.da;

import java.util.Optional;

import org.osc.server.da.spi.DeploymentTarget;
import org.osc.server.platform.RankedByType;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The deployment targets present, by virtualization connector type (the highest ranking wins). */
@Component(service = DeploymentTargets.class)
public class DeploymentTargets {

    private final RankedByType<DeploymentTarget> targets = new RankedByType<>(DeploymentTarget::type);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTarget(ServiceReference<DeploymentTarget> ref, DeploymentTarget target) {
        targets.add(ref, target);
    }

    void removeTarget(ServiceReference<DeploymentTarget> ref, DeploymentTarget target) {
        targets.remove(ref, target);
    }

    /** Registers a target outside OSGi (tests). */
    public void register(DeploymentTarget target) {
        targets.register(target);
    }

    /** @return the target for a connector type, when one is running */
    public Optional<DeploymentTarget> find(String type) {
        return targets.find(type);
    }
}
