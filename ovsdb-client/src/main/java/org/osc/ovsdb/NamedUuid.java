package org.osc.ovsdb;

import java.util.Objects;

/**
 * A reference, inside one transaction, to a row inserted by an earlier operation of the same transaction
 * ({@code ["named-uuid", "name"]}), where the insert gave that name as its {@code uuid-name}.
 *
 * @param name the {@code uuid-name} of the insert; an OVSDB identifier (letters, digits, underscores)
 */
public record NamedUuid(String name) {

    /**
     * @param name the {@code uuid-name} of the insert
     */
    public NamedUuid {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not an OVSDB identifier: " + name);
        }
    }
}
