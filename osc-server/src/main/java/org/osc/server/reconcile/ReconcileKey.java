package org.osc.server.reconcile;

import java.util.Objects;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.ObjectRef;

/**
 * What the reconcile loop queues: one root object by type and id.
 *
 * @param type the object's type
 * @param id its database id
 */
public record ReconcileKey(ObjectType type, long id) {

    public ReconcileKey {
        Objects.requireNonNull(type, "type");
    }

    /** @return the object as jobs name it */
    public ObjectRef ref() {
        return type.ref(id);
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
