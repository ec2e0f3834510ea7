package org.osc.server.job;

import java.time.Duration;

import org.osc.server.leader.NotLeaderException;

/** Turns failures into the short reasons that are stored and shown over REST. */
final class Reasons {

    static final String SHUTDOWN = "Server shut down";
    static final String RESTARTED = "Server restarted while the job was running";
    static final String NOT_LEADER = "This replica no longer leads; the leader reconciles the object";

    /** The reason a run that another replica took over keeps in memory (the store's row is the new runner's). */
    static String takenOver(String by) {
        return truncate("Taken over by " + by + "; this replica no longer runs it");
    }

    /** Long enough for any useful message, short enough for a database column and a UI table cell. */
    static final int MAX_LENGTH = 1000;

    private Reasons() {
    }

    /** The exception's message, or its class name when it has none; never a stack trace. */
    static String of(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            String simple = failure.getClass().getSimpleName();
            message = simple.isEmpty() ? failure.getClass().getName() : simple;
        }
        return truncate(message.strip());
    }

    /** A task interrupted at its time limit; what it threw on the interrupt follows when it says something. */
    static String timedOut(Duration limit, Throwable failure) {
        String after = limit.toMillis() < 1000 ? limit.toMillis() + " ms" : limit.toSeconds() + " s";
        String cause = failure == null || failure instanceof InterruptedException ? "" : " (" + of(failure) + ")";
        return truncate("Timed out after " + after + cause);
    }

    /**
     * The job's reason; the note (what happens next) is kept whole when the failure's reason is cut short.
     *
     * @param failedTask the step that failed, or null when the job failed between steps
     */
    static String jobFailed(String failedTask, String reason, String note) {
        String tail = note == null || note.isBlank() ? "" : ". " + note.strip();
        String head = failedTask == null ? reason : "Task '" + failedTask + "' failed: " + reason;
        if (head.length() + tail.length() > MAX_LENGTH && tail.length() < MAX_LENGTH / 2) {
            return truncate(head.substring(0, MAX_LENGTH - tail.length() - 3) + "..." + tail);
        }
        return truncate(head + tail);
    }

    /** @return whether the failure is fencing: a plugin or cluster write refused because this replica does not lead */
    static boolean notLeader(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof NotLeaderException) {
                return true;
            }
            for (Throwable suppressed : e.getSuppressed()) {
                if (suppressed instanceof NotLeaderException) {
                    return true;
                }
            }
        }
        return false;
    }

    static String truncate(String reason) {
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH - 3) + "...";
    }
}
