package org.osc.server.token;

import org.osc.server.persistence.Database;
import org.osc.server.user.AuthChannel;
import org.osc.server.user.AuthNotifications;
import org.osc.server.user.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the changes other replicas make to users and tokens at once: on PostgreSQL it listens on
 * {@link AuthChannel#CHANNEL} and drops what this replica remembered of the user changed or removed (their verified
 * password, and every verified token) or of the token revoked. After each (re)connection it drops everything, since
 * what was told meanwhile is lost. On H2 (one process) it does nothing: the change was made here.
 */
@Component(immediate = true)
public final class AuthCacheSync {

    private static final Logger LOG = LoggerFactory.getLogger(AuthCacheSync.class);

    private final AuthNotifications notifications;

    /** Starts listening (PostgreSQL only). */
    @Activate
    public AuthCacheSync(@Reference Database database, @Reference UserService users, @Reference TokenService tokens) {
        this.notifications = "PostgreSQL".equals(database.kind())
                ? new AuthNotifications(() -> database.openOutsidePool("auth-notifications",
                        AuthNotifications.SOCKET_TIMEOUT), text -> apply(text, users, tokens), () -> {
                            users.forgetAll();
                            tokens.forgetAll();
                        })
                : null;
    }

    /** @return whether it listens now (always false on H2) */
    public boolean isListening() {
        return notifications != null && notifications.isListening();
    }

    /** Applies one notification's text: {@code user:NAME} or {@code token:ID}. */
    static void apply(String text, UserService users, TokenService tokens) {
        if (text == null) {
            return;
        }
        if (text.startsWith(AuthChannel.USER)) {
            users.changedElsewhere(text.substring(AuthChannel.USER.length()));
        } else if (text.startsWith(AuthChannel.TOKEN)) {
            try {
                tokens.revokedElsewhere(Long.parseLong(text.substring(AuthChannel.TOKEN.length())));
            } catch (NumberFormatException e) {
                tokens.forgetAll();
            }
        } else {
            LOG.debug("Ignored an unknown change of authentication: {}", text.length() > 80 ? text.substring(0, 80)
                    : text);
        }
    }

    /** Stops listening. */
    @Deactivate
    public void close() {
        if (notifications != null) {
            notifications.close();
        }
    }
}
