package org.osc.server.rest;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.osc.server.error.OscException;
import org.osc.server.log.LogSafe;
import org.osc.server.persistence.StoreErrors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Anything else: 500 with an error id; the stack trace goes to the log under that id, never to the caller.
 * A lost optimistic-lock race (a REST write and a job writing the same row) is a 409 the caller can retry; so
 * is a lost race for a unique name, and a value the database refused is a 400 ({@link StoreErrors}). A body
 * over the size limit is a 413 ({@link BodyLimit}). No database connection (the database cannot be reached, or
 * every connection stayed busy for the pool's timeout, {@code osc.db.connectionTimeoutMillis}) or one that broke
 * is a 503 with {@code Retry-After}. The framework's own 4xx errors are {@link WebErrorMapper}'s answers, also when
 * they reach this mapper.
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.errors.unexpected")
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    /** When a caller that got a 503 should try again, in seconds. */
    static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);
    private static final long UNAVAILABLE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong lastUnavailableLog = new AtomicLong();
    private final AtomicInteger unlogged = new AtomicInteger();

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            // The framework's own 4xx (no resource at a path, a wrong method) belongs to WebErrorMapper; it comes here
            // when Jersey serves an application the whiteboard built while that mapper was being (re)registered
            // (BindingRaceIT saw a 404 logged as an unexpected error once). Same answer, and no error logged.
            LOG.debug("Answered {} for the framework: {}", web.getResponse().getStatus(),
                    LogSafe.of(String.valueOf(e)));
            return WebErrorMapper.problem(web);
        }
        if (BodyLimit.tooLarge(e)) {
            return BodyLimit.response(BodyLimit.problem());
        }
        Optional<OscException> refused = StoreErrors.of(e);
        if (refused.isPresent()) {
            OscException known = refused.get();
            if (known.status() == 400) {
                // The checks missed something the database refused; its message quotes the value, so only the state.
                LOG.warn("The database refused a value of a request (SQL state {}); a request check is missing",
                        StoreErrors.sqlState(e));
            }
            return OscExceptionMapper.problem(known).toResponse();
        }
        if (causedBy(e, OptimisticLockException.class, StaleStateException.class)) {
            return Problem.of("conflict", "Conflict", 409, "The object was changed at the same time by another "
                    + "request or a job; read it again and retry", null).toResponse();
        }
        if (causedBy(e, SQLTransientConnectionException.class, SQLNonTransientConnectionException.class,
                JDBCConnectionException.class)) {
            unavailable(e);
            return Response.fromResponse(Problem.of("unavailable", "Service unavailable", 503, "The database "
                    + "cannot be reached or is busy; retry in a moment", null).toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (ClientAbort.is(e)) {
            // The client went away while its request was read (e.g. it closed after an early answer): no one reads
            // this answer, and it is no server failure.
            LOG.debug("The client went away: {}", LogSafe.of(String.valueOf(e)));
            return Problem.of("incomplete", "Incomplete request", 400, "The request ended before it was complete", null)
                    .toResponse();
        }
        String id = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", id, e);
        return Problem.of("internal", "Internal error", 500,
                "The server failed to handle the request; the log has the details under error id " + id, null)
                .withErrorId(id).toResponse();
    }

    /**
     * Logs a 503 at most once every {@link #UNAVAILABLE_LOG_INTERVAL_NANOS}, with how many were not logged since:
     * an outage answers every request 503, and a line per request would flood the log.
     */
    private void unavailable(Throwable e) {
        long now = System.nanoTime();
        long last = lastUnavailableLog.get();
        if (last != 0 && now - last < UNAVAILABLE_LOG_INTERVAL_NANOS || !lastUnavailableLog.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        int more = unlogged.getAndSet(0);
        LOG.warn("Answered 503: no database connection ({}){}", LogSafe.of(e.getMessage()), more == 0 ? ""
                : "; " + more + " more 503s since the last such line");
    }

    private static boolean causedBy(Throwable e, Class<?>... types) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
