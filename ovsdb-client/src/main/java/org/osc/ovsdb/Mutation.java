package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * One mutation of a {@code mutate} operation: {@code [column, mutator, value]} (RFC 7047 section 5.1).
 *
 * @param column the column
 * @param mutator {@code +=}, {@code -=}, {@code *=}, {@code /=}, {@code %=}, {@code insert} or {@code delete}
 * @param value the value, as accepted by {@link OvsdbValues#encode(Object)}
 */
public record Mutation(String column, String mutator, Object value) {

    /**
     * @param column the column
     * @param mutator the mutator
     * @param value the value
     */
    public Mutation {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(mutator, "mutator");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param column a set or map column
     * @param value the elements (a set, a map or one atom) to add
     * @return {@code [column, "insert", value]}
     */
    public static Mutation insert(String column, Object value) {
        return new Mutation(column, "insert", value);
    }

    /**
     * @param column a set or map column
     * @param value the elements (a set, a map, or for a map a set of keys) to remove
     * @return {@code [column, "delete", value]}
     */
    public static Mutation delete(String column, Object value) {
        return new Mutation(column, "delete", value);
    }

    /**
     * @return the JSON form
     */
    public JsonNode toJson() {
        return JsonNodeFactory.instance.arrayNode().add(column).add(mutator).add(OvsdbValues.encode(value));
    }
}
