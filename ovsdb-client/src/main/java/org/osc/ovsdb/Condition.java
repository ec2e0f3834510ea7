package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * One condition of a {@code where} clause: {@code [column, function, value]} (RFC 7047 section 5.1).
 *
 * @param column the column, or {@code _uuid}
 * @param function {@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code includes} or
 *     {@code excludes}
 * @param value the value, as accepted by {@link OvsdbValues#encode(Object)}
 */
public record Condition(String column, String function, Object value) {

    /**
     * @param column the column
     * @param function the function
     * @param value the value
     */
    public Condition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param column the column
     * @param value the value it must equal
     * @return {@code [column, "==", value]}
     */
    public static Condition eq(String column, Object value) {
        return new Condition(column, "==", value);
    }

    /**
     * @param uuid the row's UUID
     * @return the condition that selects exactly that row
     */
    public static Condition uuidIs(Uuid uuid) {
        return eq("_uuid", uuid);
    }

    /**
     * @param column a set or map column
     * @param value what it must include
     * @return {@code [column, "includes", value]}
     */
    public static Condition includes(String column, Object value) {
        return new Condition(column, "includes", value);
    }

    /**
     * @return the JSON form
     */
    public JsonNode toJson() {
        return JsonNodeFactory.instance.arrayNode().add(column).add(function).add(OvsdbValues.encode(value));
    }
}
