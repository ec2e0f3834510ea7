package org.osc.server.config;

import java.util.Optional;

/**
 * The settings that are secrets: the database password and the first admin's password. {@link RuntimeConfigurator}
 * reads them with the other settings and registers them as this service, for the database and the user service;
 * they never go through Configuration Admin, where every bundle allowed to use it (plugins included) could list
 * them, and where Felix's default persistence manager would write them to the framework's storage in plain text.
 */
public final class Secrets {

    private final String databasePassword;
    private final String adminPassword;

    /**
     * @param databasePassword the database password, empty for none
     * @param adminPassword the first admin's password, when one is configured
     */
    public Secrets(String databasePassword, Optional<String> adminPassword) {
        this.databasePassword = databasePassword == null ? "" : databasePassword;
        this.adminPassword = adminPassword.orElse(null);
    }

    /** @return the secrets among the settings */
    static Secrets of(OscSettings settings) {
        return new Secrets(settings.get(OscSettings.Key.DB_PASSWORD), settings.find(OscSettings.Key.ADMIN_PASSWORD));
    }

    /** @return the database password, empty for none */
    public String databasePassword() {
        return databasePassword;
    }

    /** @return the first admin's password ({@code osc.admin.password}), when one is configured */
    public Optional<String> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    @Override
    public String toString() {
        return "Secrets[***]";
    }
}
