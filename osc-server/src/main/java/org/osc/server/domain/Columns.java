package org.osc.server.domain;

/**
 * The sizes of the text columns that hold what the API accepts, in characters: one table for the entity
 * mappings ({@code @Column(length = ...)}) and the request checks, so that a value the database would refuse
 * is a 400 naming the field instead. The migrations under {@code db/migration} declare the same sizes; a store
 * test compares them with the database.
 */
public final class Columns {

    /** Names of root objects, catalog texts, manager-side ids, plugin names. */
    public static final int NAME = 255;
    /** User names. */
    public static final int USER_NAME = 64;
    /** Kubernetes namespaces (a DNS label). */
    public static final int NAMESPACE = 63;
    /** Kubernetes object names (a DNS subdomain), such as an image pull secret. */
    public static final int OBJECT_NAME = 253;
    /** Addresses and URLs: a manager's address, an image reference, an API server URL. */
    public static final int URL = 1024;
    /** A manager connector's password. */
    public static final int PASSWORD = 1024;
    /** A manager connector's API key. */
    public static final int API_KEY = 4096;
    /** A virtualization connector's bearer token. */
    public static final int TOKEN = 8192;
    /** A kubeconfig file or a PEM certificate bundle (64 KiB). */
    public static final int DOCUMENT = 65536;
    /** A label member's {@code key=value}. */
    public static final int LABEL = 400;
    /** Short enumerations and types. */
    public static final int TYPE = 32;
    /** A virtualization connector's controller attribute key. */
    public static final int ATTRIBUTE_KEY = 64;
    /** A virtualization connector's controller attribute value (16 KiB: a PEM key or certificate fits). */
    public static final int ATTRIBUTE_VALUE = 16384;
    /**
     * The column of a secret controller attribute: twice the largest value, room for the value encrypted and
     * encoded once secrets are encrypted at rest (issue 14); the API still takes at most {@link #ATTRIBUTE_VALUE}.
     */
    public static final int SECRET_ATTRIBUTE_VALUE = 32768;
    /** Kubernetes resource quantities. */
    public static final int QUANTITY = 32;

    private Columns() {
    }
}
