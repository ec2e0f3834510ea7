package org.osc.server.domain;

import org.osc.server.secret.SealedColumns;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A security manager reached through a manager plugin ({@code managerType}); {@code password} and {@code apiKey} are
 * secrets, encrypted at rest ({@code org.osc.server.secret}).
 */
@Entity
@Table(name = "manager_connector")
public class ManagerConnector extends RootEntity {

    @Column(nullable = false, unique = true, length = Columns.NAME)
    private String name;

    @Column(name = "manager_type", nullable = false, length = Columns.NAME)
    private String managerType;

    @Column(name = "ip_address", nullable = false, length = Columns.URL)
    private String ipAddress;

    @Column(length = Columns.NAME)
    private String username;

    // Encrypted at rest (org.osc.server.secret); the API takes at most Columns.PASSWORD characters.
    @Convert(converter = SealedColumns.ManagerPassword.class)
    @Column(length = Columns.PASSWORD_SEALED)
    private String password;

    @Convert(converter = SealedColumns.ManagerApiKey.class)
    @Column(name = "api_key", length = Columns.API_KEY_SEALED)
    private String apiKey;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getManagerType() {
        return managerType;
    }

    public void setManagerType(String managerType) {
        this.managerType = managerType;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }
}
