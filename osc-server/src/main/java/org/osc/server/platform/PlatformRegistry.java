package org.osc.server.platform;

import java.util.Optional;

import org.osc.platform.api.DeploymentTarget;
import org.osc.platform.api.VirtualizationPlatform;
import org.osc.server.leader.Leadership;
import org.osc.server.leader.internal.Fence;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The virtualization platforms and deployment targets present, each by connector type (the highest ranking
 * wins).
 */
@Component(service = PlatformRegistry.class)
public class PlatformRegistry {

    private final RankedByType<VirtualizationPlatform> platforms = new RankedByType<>(VirtualizationPlatform::type);
    private final RankedByType<DeploymentTarget> targets = new RankedByType<>(DeploymentTarget::type);
    /** Inside the framework, a cluster write without an election is refused (it has not started, or stopped). */
    private final Fence fence;

    /** A registry outside OSGi (tests): platforms registered by hand, nothing fenced unless {@link #fence} says. */
    public PlatformRegistry() {
        this.fence = new Fence(false);
    }

    /** The server's registry: the deployment targets it hands out are fenced ({@link Fence}). */
    @Activate
    public PlatformRegistry(BundleContext context) {
        this.fence = new Fence(true);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLeadership(Leadership election) {
        fence.follow(election);
    }

    void unsetLeadership(Leadership election) {
        fence.forget(election);
    }

    /** Fences the deployment targets handed out from now on by this election (outside OSGi: tests). */
    public void fence(Leadership election) {
        fence.follow(election);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPlatform(ServiceReference<VirtualizationPlatform> ref, VirtualizationPlatform platform) {
        platforms.add(ref, platform);
    }

    void removePlatform(ServiceReference<VirtualizationPlatform> ref, VirtualizationPlatform platform) {
        platforms.remove(ref, platform);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTarget(ServiceReference<DeploymentTarget> ref, DeploymentTarget target) {
        targets.add(ref, target);
    }

    void removeTarget(ServiceReference<DeploymentTarget> ref, DeploymentTarget target) {
        targets.remove(ref, target);
    }

    /** Registers a platform outside OSGi (tests). */
    public void register(VirtualizationPlatform platform) {
        platforms.register(platform);
    }

    /** Registers a deployment target outside OSGi (tests). */
    public void register(DeploymentTarget target) {
        targets.register(target);
    }

    /** @return the platform for a connector type, when present */
    public Optional<VirtualizationPlatform> platform(String type) {
        return platforms.find(type);
    }

    /** @return the deployment target for a connector type, when one is running */
    public Optional<DeploymentTarget> deploymentTarget(String type) {
        return targets.find(type).map(t -> fence.wrap(DeploymentTarget.class, t));
    }
}
