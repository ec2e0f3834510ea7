package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Converts between OVSDB's JSON notation (RFC 7047 section 5.1) and Java values.
 *
 * <p>Atoms map to {@link String}, {@link Long} (integer), {@link Double} (real), {@link Boolean}, {@link Uuid} and
 * {@link NamedUuid}; a set ({@code ["set", [...]]}) maps to an unmodifiable {@link Set} and a map
 * ({@code ["map", [[k, v], ...]]}) to an unmodifiable {@link Map}, both in wire order. OVSDB writes a set of
 * exactly one element as the bare atom, so without the schema a decoded column may be an atom where a set was
 * declared: {@link #asSet(Object)} and {@link #asMap(Object)} normalise that.
 */
public final class OvsdbValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OvsdbValues() {
    }

    /**
     * Encodes a Java value in OVSDB notation.
     *
     * @param value a String, integral Number, Float/Double, Boolean, Uuid, NamedUuid, Collection (a set), Map,
     *     or a JsonNode passed through as is
     * @return its JSON form
     * @throws IllegalArgumentException for any other type or a null
     */
    public static JsonNode encode(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        } else if (value instanceof Uuid u) {
            return pair("uuid", NODES.textNode(u.value()));
        } else if (value instanceof NamedUuid n) {
            return pair("named-uuid", NODES.textNode(n.name()));
        } else if (value instanceof Collection<?> c) {
            ArrayNode elements = NODES.arrayNode();
            c.forEach(e -> elements.add(encode(e)));
            return pair("set", elements);
        } else if (value instanceof Map<?, ?> m) {
            ArrayNode pairs = NODES.arrayNode();
            m.forEach((k, v) -> pairs.add(NODES.arrayNode().add(encode(k)).add(encode(v))));
            return pair("map", pairs);
        }
        throw new IllegalArgumentException("no OVSDB form for "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static ArrayNode pair(String tag, JsonNode value) {
        return NODES.arrayNode().add(tag).add(value);
    }

    /**
     * Decodes a value in OVSDB notation.
     *
     * @param node an atom, set or map as the server writes it
     * @return the Java value, see the class description
     * @throws IllegalArgumentException if the node is not OVSDB notation
     */
    public static Object decode(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            return node.longValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        } else if (node.isArray() && node.size() == 2 && node.get(0).isTextual()) {
            JsonNode body = node.get(1);
            switch (node.get(0).textValue()) {
                case "uuid":
                    return new Uuid(body.asText());
                case "named-uuid":
                    return new NamedUuid(body.asText());
                case "set": {
                    Set<Object> set = new LinkedHashSet<>();
                    body.forEach(e -> set.add(decode(e)));
                    return Collections.unmodifiableSet(set);
                }
                case "map": {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    body.forEach(p -> map.put(decode(p.get(0)), decode(p.get(1))));
                    return Collections.unmodifiableMap(map);
                }
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("not an OVSDB value: " + node);
    }

    /**
     * Reads a decoded column value as a set, whatever the number of its elements.
     *
     * @param value a decoded value or null
     * @return the set itself, a one-element set for a bare atom, an empty set for null
     */
    public static Set<Object> asSet(Object value) {
        if (value == null) {
            return Set.of();
        } else if (value instanceof Set<?> s) {
            return Collections.unmodifiableSet(new LinkedHashSet<Object>(s));
        }
        return Set.of(value);
    }

    /**
     * Reads a decoded column value as a map.
     *
     * @param value a decoded value or null
     * @return the map, or an empty map for null
     * @throws IllegalArgumentException if the value is not a map
     */
    public static Map<Object, Object> asMap(Object value) {
        if (value == null) {
            return Map.of();
        } else if (value instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap(new LinkedHashMap<Object, Object>(m));
        }
        throw new IllegalArgumentException("not an OVSDB map: " + value);
    }
}
