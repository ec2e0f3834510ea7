package org.osc.server.jobstore;

import org.osc.server.job.ObjectRef;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** An {@link ObjectRef} as the columns of a job's or task's object table. */
@Embeddable
public class ObjectRefColumns {

    @Column(name = "object_type", nullable = false, length = 64)
    private String type;

    @Column(name = "object_id", nullable = false)
    private long objectId;

    protected ObjectRefColumns() {
        // for Hibernate
    }

    ObjectRefColumns(ObjectRef ref) {
        this.type = ref.type();
        this.objectId = ref.id();
    }

    ObjectRef toRef() {
        return ObjectRef.of(type, objectId);
    }
}
