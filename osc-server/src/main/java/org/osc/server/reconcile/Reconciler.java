package org.osc.server.reconcile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osc.server.domain.ObjectType;
import org.osc.server.job.ObjectRef;

/**
 * Brings one root object's external state (plugins, cluster) to what the database says, idempotently: the
 * controller loop's unit of work, in the shape of controller-runtime's {@code Reconcile(request) (Result, error)}.
 *
 * <p>{@link #reconcile} reads the object's desired state from the database once, the observed state from the
 * plugins, applies the difference, and, for an object marked for deletion, removes its external state and then its
 * row. Running it twice in a row makes no second change. Each step it takes goes through
 * {@link ReconcileContext#step}, which records it as a task of the object's job, so that {@code GET /jobs/{id}}
 * shows what was done and why it failed. It returns a {@link Result}, or throws: {@link ReconcileService} turns
 * what it threw into a result ({@link Result#of}: transient or terminal by {@link Failures}) and acts on it in one
 * place (done, requeue after a delay, retry with backoff, wait for a change). A reconciler that concerns another
 * object asks for its reconcile through {@link ReconcileQueue}, or runs it first inside its own job
 * ({@link ReconcileContext#reconcileNow}).
 */
public interface Reconciler {

    /**
     * What a reconcile job is called and which objects it is about.
     *
     * @param jobName e.g. {@code Reconcile security group 'web'}
     * @param related objects besides the reconciled one whose last job this is (a group's bindings)
     */
    record Description(String jobName, List<ObjectRef> related) {

        public Description {
            Objects.requireNonNull(jobName, "jobName");
            related = List.copyOf(related);
        }

        /** A job about the reconciled object only. */
        public Description(String jobName) {
            this(jobName, List.of());
        }
    }

    /** @return the type of object this reconciler handles */
    ObjectType type();

    /**
     * Names the job of the object's next reconcile. Cheap: it may read the object's name, never call a plugin.
     *
     * @param id the object's id
     * @return the description; empty when the object does not exist (then there is nothing to do)
     */
    Optional<Description> describe(long id);

    /**
     * Reconciles the object once.
     *
     * @param id the object's id
     * @param context records the steps taken as the job's tasks; reconciles another object first when needed
     * @return what follows; a reconcile that finds the object gone returns {@link Result#done()} or throws
     *     {@link TerminalException}
     * @throws Exception a failure, classified by {@link Failures}
     */
    Result reconcile(long id, ReconcileContext context) throws Exception;
}
