package org.osc.server.domain;

/**
 * The bounds on numbers and list sizes the API accepts, beyond the column sizes of {@link Columns}. Each is
 * documented in {@code docs/operations.md} ("Input limits"); a request beyond one is a 400 naming the field.
 */
public final class Limits {

    /** The most VNF instances one deployment spec may ask for. */
    public static final int MAX_INSTANCES = 1000;
    /** The most namespaces a security group may be scoped to. */
    public static final int MAX_NAMESPACES = 100;
    /** The most label members a security group may have. */
    public static final int MAX_MEMBERS = 1000;
    /** The most bindings a security group may have. */
    public static final int MAX_BINDINGS = 100;
    /** The most policies one binding may name. */
    public static final int MAX_POLICIES = 100;
    /** The most virtual systems (virtualization connectors) of one distributed appliance. */
    public static final int MAX_VIRTUAL_SYSTEMS = 100;
    /** The highest order a binding may have among the group's inspection hooks. */
    public static final int MAX_ORDER = 1_000_000;
    /** The longest user password, in UTF-8 bytes: bcrypt uses only the first 72. */
    public static final int MAX_USER_PASSWORD_BYTES = 72;

    private Limits() {
    }
}
