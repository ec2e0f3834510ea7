package org.osc.server.persistence;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.persister.entity.EntityPersister;
import org.osc.server.domain.RootEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's change events: after a transaction commits, every domain row it inserted, updated or deleted is
 * told to the listeners, on the committing thread, before the write's caller goes on. Whoever keeps something
 * derived from the rows (the membership router's index) learns it is stale from the write path itself: no
 * writer has to remember to say so. A change to a collection of a row (a group's namespaces) updates the row's
 * optimistic-lock version, so it is told as an update of the row.
 *
 * <p>Listeners must be quick and must not write to the database; a failing listener is logged and skipped.
 */
public final class StoreChanges implements PostCommitInsertEventListener, PostCommitUpdateEventListener,
        PostCommitDeleteEventListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StoreChanges.class);

    /**
     * One committed change of a domain row.
     *
     * @param type the entity class
     * @param id the row's id
     */
    public record Change(Class<?> type, Object id) {
    }

    private final transient List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener told of every later committed change. */
    public void addListener(Consumer<Change> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before. */
    public void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        tell(event.getEntity().getClass(), event.getId());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        tell(event.getEntity().getClass(), event.getId());
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        tell(event.getEntity().getClass(), event.getId());
    }

    @Override
    public void onPostInsertCommitFailed(PostInsertEvent event) {
        // rolled back: nothing changed
    }

    @Override
    public void onPostUpdateCommitFailed(PostUpdateEvent event) {
        // rolled back: nothing changed
    }

    @Override
    public void onPostDeleteCommitFailed(PostDeleteEvent event) {
        // rolled back: nothing changed
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        // domain rows only: the job store's rows change on every job step and nobody derives anything from them
        return RootEntity.class.isAssignableFrom(persister.getMappedClass());
    }

    private void tell(Class<?> type, Object id) {
        Change change = new Change(type, id);
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A store change listener failed on {} {}", type.getSimpleName(), id, e);
            }
        }
    }
}
