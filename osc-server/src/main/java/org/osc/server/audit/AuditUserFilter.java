package org.osc.server.audit;

import org.osc.server.job.StartedBy;
import org.osc.server.log.LogSafe;
import org.osc.server.user.User;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.MDC;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Right after authentication: the user (or {@code token:NAME} for an API token) goes into the logging MDC
 * ({@link AuditFilter#MDC_USER}) and names who starts the jobs this request stores ({@link StartedBy}), until
 * {@link AuditFilter} removes both when the answer leaves.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("osc.audit.user")
@JakartarsApplicationSelect("(osgi.jakartars.name=*)")
@Priority(Priorities.AUTHENTICATION + 1)
public class AuditUserFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(AuditFilter.USER_PROPERTY) instanceof User user) {
            String who = startedBy(user.name(), request.getProperty(AuditFilter.TOKEN_PROPERTY) instanceof String t
                    ? t : null);
            MDC.put(AuditFilter.MDC_USER, LogSafe.of(who));
            StartedBy.set(who);
        }
    }

    /** @return how a job names who started it: the user's name, or {@code token:NAME} for an API token */
    static String startedBy(String user, String token) {
        return token == null ? user : "token:" + token;
    }
}
