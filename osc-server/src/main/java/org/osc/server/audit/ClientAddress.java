package org.osc.server.audit;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * Puts the client's address into a request property for the audit record. A class of each application (OSC's
 * and the plugins', see their {@code getClasses}) rather than a whiteboard extension: the servlet request is
 * injected per application, and one object shared by two applications would hold a proxy that only one of them
 * can resolve.
 */
@PreMatching
@Priority(3)
public class ClientAddress implements ContainerRequestFilter {

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
            if (address != null) {
                request.setProperty(AuditFilter.SOURCE_PROPERTY, address);
            }
        } catch (IllegalStateException e) {
            // not in a servlet request (an in-memory test container): the address stays unknown
        }
    }
}
