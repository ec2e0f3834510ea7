package org.osc.server.user;

/** What a user may do: an admin everything, an auditor only read. */
public enum Role {
    /** Reads and writes everything, manages users and plugins. */
    ADMIN,
    /** Reads everything; any write is refused with 403, except changing their own password. */
    AUDITOR;

    /** @return the role named case-insensitively ("admin", "auditor"); IllegalArgumentException otherwise */
    public static Role parse(String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(name.trim())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role must be 'admin' or 'auditor'");
    }

    /** @return the name used on the wire: lower case */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
