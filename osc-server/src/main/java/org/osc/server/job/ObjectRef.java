package org.osc.server.job;

import java.util.Objects;

/**
 * A reference to a domain object by type and id, e.g. {@code SECURITY_GROUP 12}: what a job or task touched, and
 * the lock key that serialises jobs working on the same object.
 *
 * @param type the object type, in upper case by convention ({@code SECURITY_GROUP}, {@code DEPLOYMENT_SPEC})
 * @param id the object's database id
 */
public record ObjectRef(String type, long id) {

    public ObjectRef {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("Object type must not be blank");
        }
    }

    /** Shorthand for the constructor, reads well in graph builders. */
    public static ObjectRef of(String type, long id) {
        return new ObjectRef(type, id);
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
