package org.osc.server.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import org.hibernate.Session;
import org.osc.server.domain.ObjectType;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;

/**
 * The {@link LastJob} of the objects a REST read shows, read in that read's own session: one query for up to
 * {@value #CHUNK} objects, whatever their number of jobs. A view must not ask the job store per object: that is
 * one query per row, and each in a transaction of its own, so a list held one pooled connection and waited for a
 * second per row; as many parallel lists as the pool has connections then held all of them and waited for ever
 * (until the pool's timeout). Whether an object waits for a retry is in memory ({@link ReconcileService#nextRetry}).
 */
public final class LastJobs {

    /** At most this many objects per query (taken in the order of their ids: each query reads one range of them). */
    static final int CHUNK = 500;

    private final ReconcileService reconcile;

    /** Summaries with the retries the reconcile loop knows of. */
    public LastJobs(ReconcileService reconcile) {
        this.reconcile = reconcile;
    }

    /** @return the summary of each object (all of them, with nulls for those that never had a job), by id */
    public Map<Long, LastJob> of(Session session, ObjectType type, Collection<Long> ids) {
        return of(session, type, ids, id -> reconcile.nextRetry(type, id));
    }

    /**
     * @param rows the objects a list shows, in its order
     * @param id an object's id
     * @param view an object's view, given its summary
     * @return the views, in the order of the rows
     */
    public <E, V> List<V> views(Session session, ObjectType type, List<E> rows, ToLongFunction<E> id,
            BiFunction<E, LastJob, V> view) {
        Map<Long, LastJob> summaries = of(session, type, rows.stream().map(id::applyAsLong).toList());
        return rows.stream().map(row -> view.apply(row, summaries.get(id.applyAsLong(row)))).toList();
    }

    /** @return the summary of one object */
    public LastJob of(Session session, ObjectType type, long id) {
        return of(session, type, List.of(id)).get(id);
    }

    /**
     * @param type the type the jobs name the objects with
     * @param nextRetry when each object is reconciled again by itself, if it is (bindings take their group's)
     * @return the summary of each object, by id
     */
    public static Map<Long, LastJob> of(Session session, ObjectType type, Collection<Long> ids,
            LongFunction<Optional<Instant>> nextRetry) {
        Map<Long, Object[]> newest = newest(session, type, ids);
        Map<Long, LastJob> summaries = new HashMap<>();
        for (long id : ids) {
            Object[] job = newest.get(id);
            Instant next = nextRetry.apply(id).orElse(null);
            summaries.put(id, job == null ? new LastJob(null, null, null, next)
                    : new LastJob(((Number) job[1]).longValue(), (String) job[2], (String) job[3], next));
        }
        return summaries;
    }

    /** @return id, state and status of the newest job naming each object that has one, by object id */
    private static Map<Long, Object[]> newest(Session session, ObjectType type, Collection<Long> ids) {
        List<Long> all = new ArrayList<>(new TreeSet<>(ids));
        Map<Long, Object[]> byObject = new HashMap<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Set<Long> wanted = new HashSet<>(chunk);
            // SQL, not HQL: the newest job per object is found in the object index of job_object alone (which
            // holds the job id too, V11: no job_object row is read), and only those jobs are read; HQL's join
            // would start from the job table, which grows with every reconcile.
            // The objects are a range of ids, not an IN list: the database checked every index row it read against
            // each of the list's (up to 512 padded) parameters, which was most of a list's CPU with a few hundred
            // rows; a range is two comparisons a row, and rows of objects not asked for are dropped here.
            List<Object[]> rows = session.createNativeQuery("SELECT o.object_id, j.id, j.state, j.status FROM job j "
                    + "JOIN (SELECT object_id, MAX(job_id) AS job_id FROM job_object WHERE object_type = :type "
                    + "AND object_id BETWEEN :first AND :last GROUP BY object_id) o ON j.id = o.job_id",
                    Object[].class)
                    // the tables it reads: a pending change elsewhere in the session needs no flush before it
                    .addSynchronizedQuerySpace("job").addSynchronizedQuerySpace("job_object")
                    .setParameter("type", type.name())
                    .setParameter("first", chunk.get(0)).setParameter("last", chunk.get(chunk.size() - 1))
                    .getResultList();
            for (Object[] row : rows) {
                long object = ((Number) row[0]).longValue();
                if (wanted.contains(object)) {
                    byObject.put(object, row);
                }
            }
        }
        return byObject;
    }
}
