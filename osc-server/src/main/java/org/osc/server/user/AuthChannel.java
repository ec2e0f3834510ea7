package org.osc.server.user;

import java.sql.PreparedStatement;

import org.hibernate.Session;
import org.osc.server.persistence.Database;

/**
 * The PostgreSQL channel ({@value #CHANNEL}) on which a change of what authenticates a request is told to every
 * replica: a user changed or removed ({@code user:NAME}), an API token revoked ({@code token:ID}). It is sent in the
 * transaction of the change, so it is delivered when, and only if, the change commits; each replica listening
 * ({@link AuthNotifications}) drops what it remembered of that user or token at once. On H2 (one process) nothing is
 * sent: the process that made the change has dropped its memory already.
 */
public final class AuthChannel {

    /** The channel's name. */
    public static final String CHANNEL = "osc_auth";
    /** What a user's change is told as: this prefix and the user's name. */
    public static final String USER = "user:";
    /** What a token's revocation is told as: this prefix and the token's id. */
    public static final String TOKEN = "token:";

    private AuthChannel() {
    }

    /**
     * Tells the change to every replica when the session's transaction commits (PostgreSQL only).
     *
     * @param database the database the session is of
     * @param session the transaction that makes the change
     * @param what {@link #USER} or {@link #TOKEN} and what changed
     */
    public static void send(Database database, Session session, String what) {
        if (!"PostgreSQL".equals(database.kind())) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, what);
                notify.execute();
            }
        });
    }
}
