package org.osc.server.platform;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The virtualization platforms present, by connector type. */
@Component(service = PlatformRegistry.class)
public class PlatformRegistry {

    private final Map<String, VirtualizationPlatform> platforms = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPlatform(VirtualizationPlatform platform) {
        platforms.put(platform.type(), platform);
    }

    void removePlatform(VirtualizationPlatform platform) {
        platforms.remove(platform.type(), platform);
    }

    /** Registers a platform outside OSGi (tests). */
    public void register(VirtualizationPlatform platform) {
        addPlatform(platform);
    }

    /** @return the platform for a connector type, when present */
    public Optional<VirtualizationPlatform> find(String type) {
        return Optional.ofNullable(platforms.get(type));
    }
}
