package org.osc.server.platform;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Services that each serve one connector type, tracked as they come and go; when several serve a type, the
 * highest service ranking wins (so a test can stand in for the Kubernetes connector without removing it).
 *
 * @param <T> the service type
 */
public final class RankedByType<T> {

    private record Ranked(int ranking, long serviceId) {
    }

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingInt(Ranked::ranking).reversed()
            .thenComparingLong(Ranked::serviceId);

    private final Map<String, ConcurrentSkipListMap<Ranked, T>> byType = new ConcurrentHashMap<>();
    private final Function<T, String> typeOf;

    /** @param typeOf the connector type a service serves */
    public RankedByType(Function<T, String> typeOf) {
        this.typeOf = typeOf;
    }

    /** A service arrived. */
    public void add(ServiceReference<?> ref, T service) {
        put(rank(ref), service);
    }

    /** A service left. */
    public void remove(ServiceReference<?> ref, T service) {
        var ranked = byType.get(typeOf.apply(service));
        if (ranked != null) {
            ranked.remove(rank(ref));
        }
    }

    /** Adds a service outside OSGi (tests), at ranking 0. */
    public void register(T service) {
        put(new Ranked(0, System.identityHashCode(service)), service);
    }

    /** @return the best service for the type, when one is present */
    public Optional<T> find(String type) {
        var ranked = byType.get(type);
        var best = ranked == null ? null : ranked.firstEntry();
        return best == null ? Optional.empty() : Optional.of(best.getValue());
    }

    private void put(Ranked rank, T service) {
        byType.computeIfAbsent(typeOf.apply(service), t -> new ConcurrentSkipListMap<>(BEST_FIRST)).put(rank, service);
    }

    private static Ranked rank(ServiceReference<?> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        return new Ranked(ranking instanceof Integer i ? i : 0, (Long) ref.getProperty(Constants.SERVICE_ID));
    }
}
