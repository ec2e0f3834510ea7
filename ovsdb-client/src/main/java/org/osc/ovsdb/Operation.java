package org.osc.ovsdb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation of a {@code transact} (RFC 7047 section 5.2), built by the static factories here. Rows are maps
 * from column name to a value accepted by {@link OvsdbValues#encode(Object)}.
 *
 * @param json the operation's JSON object, as sent
 */
public record Operation(ObjectNode json) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param json the operation's JSON object; it must have an {@code op} member
     */
    public Operation {
        Objects.requireNonNull(json, "json");
        if (!json.path("op").isTextual()) {
            throw new IllegalArgumentException("an operation needs an 'op': " + json);
        }
    }

    /**
     * @return the operation's name
     */
    public String op() {
        return json.get("op").textValue();
    }

    /**
     * @param table the table
     * @param row the new row's columns (others get their defaults)
     * @param uuidName a name later operations of the same transaction can refer to with {@link NamedUuid}, or null
     * @return an {@code insert}; its result has the new row's {@code uuid}
     */
    public static Operation insert(String table, Map<String, ?> row, String uuidName) {
        ObjectNode op = start("insert", table);
        op.set("row", row(row));
        if (uuidName != null) {
            op.put("uuid-name", new NamedUuid(uuidName).name());
        }
        return new Operation(op);
    }

    /**
     * @param table the table
     * @param where the conditions a row must meet (all of them); empty selects every row
     * @param columns the columns to return, or null for all
     * @return a {@code select}; its result has {@code rows}
     */
    public static Operation select(String table, List<Condition> where, List<String> columns) {
        ObjectNode op = start("select", table);
        op.set("where", where(where));
        if (columns != null) {
            ArrayNode names = op.putArray("columns");
            columns.forEach(names::add);
        }
        return new Operation(op);
    }

    /**
     * @param table the table
     * @param where the conditions a row must meet
     * @param row the columns to set
     * @return an {@code update}; its result has the {@code count} of rows updated
     */
    public static Operation update(String table, List<Condition> where, Map<String, ?> row) {
        ObjectNode op = start("update", table);
        op.set("where", where(where));
        op.set("row", row(row));
        return new Operation(op);
    }

    /**
     * @param table the table
     * @param where the conditions a row must meet
     * @param mutations the mutations to apply to each such row
     * @return a {@code mutate}; its result has the {@code count} of rows mutated
     */
    public static Operation mutate(String table, List<Condition> where, List<Mutation> mutations) {
        ObjectNode op = start("mutate", table);
        op.set("where", where(where));
        ArrayNode list = op.putArray("mutations");
        mutations.forEach(m -> list.add(m.toJson()));
        return new Operation(op);
    }

    /**
     * @param table the table
     * @param where the conditions a row must meet
     * @return a {@code delete}; its result has the {@code count} of rows deleted
     */
    public static Operation delete(String table, List<Condition> where) {
        ObjectNode op = start("delete", table);
        op.set("where", where(where));
        return new Operation(op);
    }

    /**
     * A {@code wait}: the transaction proceeds only once the selected rows' columns are (or, with {@code equal}
     * false, are no longer) exactly {@code rows}, and fails with {@code timed out} after {@code timeoutMillis}.
     *
     * @param table the table
     * @param where the conditions a row must meet
     * @param columns the columns compared
     * @param equal true for {@code until "=="}, false for {@code "!="}
     * @param rows the expected rows (only the compared columns)
     * @param timeoutMillis how long to wait; 0 fails at once when the condition does not hold
     * @return the operation
     */
    public static Operation wait(String table, List<Condition> where, List<String> columns, boolean equal,
            List<Map<String, ?>> rows, long timeoutMillis) {
        ObjectNode op = start("wait", table);
        op.put("timeout", timeoutMillis);
        op.set("where", where(where));
        ArrayNode names = op.putArray("columns");
        columns.forEach(names::add);
        op.put("until", equal ? "==" : "!=");
        ArrayNode list = op.putArray("rows");
        rows.forEach(r -> list.add(row(r)));
        return new Operation(op);
    }

    /**
     * @param text a comment the server writes to its log with the transaction
     * @return a {@code comment}
     */
    public static Operation comment(String text) {
        ObjectNode op = NODES.objectNode();
        op.put("op", "comment");
        op.put("comment", text);
        return new Operation(op);
    }

    private static ObjectNode start(String name, String table) {
        ObjectNode op = NODES.objectNode();
        op.put("op", name);
        op.put("table", Objects.requireNonNull(table, "table"));
        return op;
    }

    private static ArrayNode where(List<Condition> where) {
        ArrayNode list = NODES.arrayNode();
        where.forEach(c -> list.add(c.toJson()));
        return list;
    }

    private static ObjectNode row(Map<String, ?> row) {
        ObjectNode json = NODES.objectNode();
        row.forEach((column, value) -> json.set(column, OvsdbValues.encode(value)));
        return json;
    }
}
