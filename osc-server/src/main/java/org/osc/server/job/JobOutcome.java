package org.osc.server.job;

/**
 * How a job run by {@link JobEngine#run} ended.
 *
 * @param job its final record
 * @param failure what failed it when it FAILED (the exception its body threw), else null
 * @param value what its body returned when it PASSED, else null
 * @param <R> the body's result type
 */
public record JobOutcome<R>(JobRecord job, Throwable failure, R value) {
}
