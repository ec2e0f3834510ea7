package org.osc.server.platform;

import java.util.Optional;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The virtualization platforms present, by connector type (the highest ranking wins). */
@Component(service = PlatformRegistry.class)
public class PlatformRegistry {

    private final RankedByType<VirtualizationPlatform> platforms = new RankedByType<>(VirtualizationPlatform::type);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPlatform(ServiceReference<VirtualizationPlatform> ref, VirtualizationPlatform platform) {
        platforms.add(ref, platform);
    }

    void removePlatform(ServiceReference<VirtualizationPlatform> ref, VirtualizationPlatform platform) {
        platforms.remove(ref, platform);
    }

    /** Registers a platform outside OSGi (tests). */
    public void register(VirtualizationPlatform platform) {
        platforms.register(platform);
    }

    /** @return the platform for a connector type, when present */
    public Optional<VirtualizationPlatform> find(String type) {
        return platforms.find(type);
    }
}
