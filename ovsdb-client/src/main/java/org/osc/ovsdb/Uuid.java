package org.osc.ovsdb;

import java.util.Objects;

/**
 * The UUID of an OVSDB row, as it appears in {@code ["uuid", "..."]}.
 *
 * @param value the UUID in its textual form
 */
public record Uuid(String value) {

    /**
     * @param value the UUID in its textual form
     */
    public Uuid {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
