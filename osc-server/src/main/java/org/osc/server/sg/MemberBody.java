package org.osc.server.sg;

/**
 * A label member of a security group: pods carrying {@code label} ({@code key=value}) belong to the group.
 *
 * @param name unique within the group
 * @param type {@code LABEL}, the only kind (optional on input)
 * @param label {@code key=value}, with Kubernetes' label syntax
 */
public record MemberBody(String name, String type, String label) {

    /** The one member type. */
    public static final String LABEL = "LABEL";
}
