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
    /** Kubernetes resource quantities. */
    public static final int QUANTITY = 32;

    /**
     * What encrypting a secret adds to a column's size beyond 4 characters per character of plaintext (at most 3
     * UTF-8 bytes a character, grown by 4/3 in base64): the format marker, the key id, the 12-byte IV and the
     * 16-byte tag.
     */
    public static final int SEALED_OVERHEAD = 64;
    /** The column of a manager connector's password, encrypted. */
    public static final int PASSWORD_SEALED = 4 * PASSWORD + SEALED_OVERHEAD;
    /** The column of a manager connector's API key, encrypted. */
    public static final int API_KEY_SEALED = 4 * API_KEY + SEALED_OVERHEAD;
    /** The column of a virtualization connector's bearer token, encrypted. */
    public static final int TOKEN_SEALED = 4 * TOKEN + SEALED_OVERHEAD;
    /** The column of a virtualization connector's kubeconfig, encrypted. */
    public static final int KUBECONFIG_SEALED = 4 * DOCUMENT + SEALED_OVERHEAD;
    /**
     * The column of a secret controller attribute, encrypted; the API still takes at most {@link #ATTRIBUTE_VALUE}
     * characters.
     */
    public static final int SECRET_ATTRIBUTE_VALUE = 4 * ATTRIBUTE_VALUE + SEALED_OVERHEAD;

    private Columns() {
    }
}
