package org.osc.sample.manager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.osc.api.manager.element.ManagerConnectorElement;

/**
 * The one account the sample manager accepts.
 *
 * @param username accepted username
 * @param password accepted password
 */
record SampleCredentials(String username, String password) {

    /** Documented defaults; change them with the configuration of {@link SampleManagerConfig}. */
    static final SampleCredentials DEFAULT = new SampleCredentials("admin", "admin123");

    boolean accept(ManagerConnectorElement connector) {
        // Constant-time comparison, as a real manager would do, so the sample is not a bad example.
        return MessageDigest.isEqual(bytes(username), bytes(connector.username()))
                & MessageDigest.isEqual(bytes(password), bytes(connector.password()));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Never shows the password, so that the record can appear in logs. */
    @Override
    public String toString() {
        return "SampleCredentials[username=" + username + "]";
    }
}
