package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * Common columns of every entity: a generated id, an optimistic-lock version, and the deletion mark a
 * reconciler honours (removes external state, then the row).
 */
@MappedSuperclass
public abstract class RootEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    @Column(name = "marked_for_deletion", nullable = false)
    private boolean markedForDeletion;

    /** @return the id, null before the first flush */
    public Long getId() {
        return id;
    }

    /** @return whether a delete was requested and its job has not removed the row yet */
    public boolean isMarkedForDeletion() {
        return markedForDeletion;
    }

    /** Marks the object for deletion by its reconciler. */
    public void markForDeletion() {
        this.markedForDeletion = true;
    }
}
