package org.osc.server.rest;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * Puts the client's address (the socket's peer, never a forwarded header) into each REST request as the property
 * {@link #PROPERTY}, before anything else: the login throttle counts failed logins per address, the audit trail
 * records it, also for requests no resource matches.
 *
 * <p>A class of each application (OSC's and the plugins', see their {@code getClasses}) rather than a whiteboard
 * extension: the servlet request is injected per application, and one object shared by two applications would
 * hold a proxy that only one of them can resolve.
 */
@PreMatching
@Priority(3)
public class ClientAddress implements ContainerRequestFilter {

    /** The request property holding the client's address (a String), when the server could tell it. */
    public static final String PROPERTY = "osc.client.address";

    @Context
    private HttpServletRequest servletRequest;

    /** @return the client's address of the request, or null when it is not known */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
            if (address != null) {
                request.setProperty(PROPERTY, address);
            }
        } catch (IllegalStateException e) {
            // not in a servlet request (an in-memory test container): the address stays unknown
        }
    }
}
