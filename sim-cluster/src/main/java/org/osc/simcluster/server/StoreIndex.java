package org.osc.simcluster.server;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's keys by resource (plural) and name. The mock finds the object a POST, PUT, PATCH or GET names by
 * matching the request's attributes against every stored key, under its one lock, on its one event loop: at ten
 * thousand pods that scan made each write cost milliseconds and the API server, not its clients, the bottleneck.
 * A query naming its resource and object is answered from here instead, with the same matching rule applied to
 * the few keys that share the name, so the answer is the mock's own.
 *
 * <p>Not thread-safe: used under the store's monitor.
 */
final class StoreIndex {

    private final Map<String, List<AttributeSet>> byName = new HashMap<>();

    /** @param key a key just stored */
    void add(AttributeSet key) {
        id(key).ifPresent(id -> {
            List<AttributeSet> keys = byName.computeIfAbsent(id, k -> new ArrayList<>(1));
            if (!keys.contains(key)) {
                keys.add(key);
            }
        });
    }

    /** @param key a key just removed from the store */
    void remove(AttributeSet key) {
        id(key).ifPresent(id -> {
            List<AttributeSet> keys = byName.get(id);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                byName.remove(id);
            }
        });
    }

    /**
     * @param query what a request asks for
     * @return the stored keys it matches, or empty if the query does not name one object of one resource (then
     *     only a scan of the store can answer it)
     */
    Optional<List<AttributeSet>> find(AttributeSet query) {
        return id(query).map(id -> byName.getOrDefault(id, List.of()).stream().filter(k -> k.matches(query))
                .toList());
    }

    /** @return "plural/name" when the set has exactly one plain value for each, and the name is not a wildcard */
    private static Optional<String> id(AttributeSet set) {
        Optional<String> plural = single(set, KubernetesAttributesExtractor.PLURAL);
        Optional<String> name = single(set, KubernetesAttributesExtractor.NAME).filter(n -> !"*".equals(n));
        return plural.isPresent() && name.isPresent() ? Optional.of(plural.get() + "/" + name.get())
                : Optional.empty();
    }

    private static Optional<String> single(AttributeSet set, String key) {
        Attribute attribute = set.getAttribute(key);
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(attribute.getValues().get(0).toString());
    }
}
