package org.osc.server.secret;

import java.util.List;

/**
 * Every column that holds a secret, encrypted at rest: its table, its column and the columns that identify a
 * row. The one list that the start-up encryption of old plaintext rows, the key check and the rotation walk, and
 * that the entity mappings' converters ({@link SealedColumns}) name.
 */
public enum SecretColumn {
    /** A manager connector's password. */
    MANAGER_PASSWORD("manager_connector", "password", "id"),
    /** A manager connector's API key. */
    MANAGER_API_KEY("manager_connector", "api_key", "id"),
    /** A virtualization connector's kubeconfig. */
    KUBECONFIG("virtualization_connector", "kubeconfig", "id"),
    /** A virtualization connector's bearer token. */
    BEARER_TOKEN("virtualization_connector", "token", "id"),
    /** A virtualization connector's secret controller attributes ({@code controllerAttributes}). */
    CONTROLLER_SECRET("vc_controller_secret", "secret_value", "virtualization_connector_id", "attr_key");

    private final String table;
    private final String column;
    private final List<String> rowKey;

    SecretColumn(String table, String column, String... rowKey) {
        this.table = table;
        this.column = column;
        this.rowKey = List.of(rowKey);
    }

    /** @return the table */
    public String table() {
        return table;
    }

    /** @return the column */
    public String column() {
        return column;
    }

    /** @return the columns that identify a row of the table */
    public List<String> rowKey() {
        return rowKey;
    }

    /** @return {@code table.column}: what a value is bound to (the associated data of its encryption) */
    public String place() {
        return table + "." + column;
    }
}
