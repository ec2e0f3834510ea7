package org.osc.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row of a {@link Replica}, with its columns decoded by {@link OvsdbValues}.
 *
 * @param table the table
 * @param uuid the row's {@code _uuid}
 * @param columns the monitored columns' values
 */
public record Row(String table, Uuid uuid, Map<String, Object> columns) {

    /**
     * @param table the table
     * @param uuid the row's UUID
     * @param columns the columns (copied)
     */
    public Row {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(uuid, "uuid");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /**
     * @param column a column
     * @return its decoded value, or null if it is not monitored
     */
    public Object get(String column) {
        return columns.get(column);
    }

    /**
     * @param column a string column
     * @return its value, or null if it is not monitored or an empty optional value
     */
    public String getString(String column) {
        Object value = columns.get(column);
        return value instanceof String s ? s : null;
    }

    /**
     * @param column a set column (or an optional value, a set of at most one)
     * @return its elements
     */
    public Set<Object> getSet(String column) {
        return OvsdbValues.asSet(columns.get(column));
    }

    /**
     * @param column a map column, such as {@code external_ids}
     * @return its entries
     */
    public Map<Object, Object> getMap(String column) {
        return OvsdbValues.asMap(columns.get(column));
    }
}
