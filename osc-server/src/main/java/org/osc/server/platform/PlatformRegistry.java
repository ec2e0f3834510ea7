package org.osc.server.platform;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The virtualization platforms present, by connector type. When several serve one type, the one with the
 * highest service ranking wins (so a test can stand in for the Kubernetes connector without removing it).
 */
@Component(service = PlatformRegistry.class)
public class PlatformRegistry {

    private record Ranked(int ranking, long serviceId) {
    }

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingInt(Ranked::ranking).reversed()
            .thenComparingLong(Ranked::serviceId);

    private final Map<String, ConcurrentSkipListMap<Ranked, VirtualizationPlatform>> platforms =
            new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPlatform(ServiceReference<VirtualizationPlatform> ref, VirtualizationPlatform platform) {
        add(rank(ref), platform);
    }

    void removePlatform(ServiceReference<VirtualizationPlatform> ref, VirtualizationPlatform platform) {
        var byRank = platforms.get(platform.type());
        if (byRank != null) {
            byRank.remove(rank(ref));
        }
    }

    /** Registers a platform outside OSGi (tests). */
    public void register(VirtualizationPlatform platform) {
        add(new Ranked(0, System.identityHashCode(platform)), platform);
    }

    /** @return the platform for a connector type, when present */
    public Optional<VirtualizationPlatform> find(String type) {
        var byRank = platforms.get(type);
        if (byRank == null) {
            return Optional.empty();
        }
        var best = byRank.firstEntry();
        return best == null ? Optional.empty() : Optional.of(best.getValue());
    }

    private void add(Ranked rank, VirtualizationPlatform platform) {
        platforms.computeIfAbsent(platform.type(), t -> new ConcurrentSkipListMap<>(BEST_FIRST)).put(rank, platform);
    }

    private static Ranked rank(ServiceReference<?> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        return new Ranked(ranking instanceof Integer i ? i : 0, (Long) ref.getProperty(Constants.SERVICE_ID));
    }
}
