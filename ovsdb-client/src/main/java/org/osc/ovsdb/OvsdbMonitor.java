package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * A monitor the client keeps up: it is sent again after every reconnect until it is closed.
 */
public final class OvsdbMonitor implements AutoCloseable {
    private final OvsdbClient client;
    private final String id;
    private final String database;
    private final Map<String, List<String>> tables;
    private final MonitorHandler handler;

    OvsdbMonitor(OvsdbClient client, String id, String database, Map<String, List<String>> tables,
            MonitorHandler handler) {
        this.client = client;
        this.id = id;
        this.database = database;
        this.tables = Map.copyOf(tables);
        this.handler = handler;
    }

    /**
     * @return the monitor's id on the wire ({@code monitor-id})
     */
    public String id() {
        return id;
    }

    /**
     * @return the database monitored
     */
    public String database() {
        return database;
    }

    /**
     * @return the monitored tables and, for each, the columns (empty for all)
     */
    public Map<String, List<String>> tables() {
        return tables;
    }

    MonitorHandler handler() {
        return handler;
    }

    JsonNode request(ObjectMapper mapper) {
        var requests = mapper.createObjectNode();
        tables.forEach((table, columns) -> {
            var request = requests.putArray(table).addObject();
            if (!columns.isEmpty()) {
                var names = request.putArray("columns");
                columns.forEach(names::add);
            }
            var select = request.putObject("select");
            select.put("initial", true).put("insert", true).put("delete", true).put("modify", true);
        });
        return mapper.createArrayNode().add(database).add(id).add(requests);
    }

    /**
     * Stops the monitor: it is cancelled on the server if connected, and not sent again after a reconnect.
     */
    @Override
    public void close() {
        client.cancel(this);
    }
}
