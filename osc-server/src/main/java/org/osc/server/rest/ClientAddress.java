package org.osc.server.rest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Puts the client's address (the socket's peer, never a forwarded header) into each REST request as the property
 * {@link #PROPERTY}, before authentication, which counts failed logins per address.
 *
 * <p>The servlet request is injected into a filter made for each application: the whiteboard shares one extension
 * object among the applications it selects, and a proxy injected by one application is out of scope in another's
 * requests (see {@code RestMetricsFilter}).
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.clientAddress")
public class ClientAddress implements Feature {

    /** The request property holding the client's address (a String), when the server could tell it. */
    public static final String PROPERTY = "osc.client.address";

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new Recorder(), Priorities.AUTHENTICATION - 100);
        return true;
    }

    /** @return the client's address of the request, or null when it is not known */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : null;
    }

    /** One application's filter: reads the address from the servlet request. */
    @Priority(Priorities.AUTHENTICATION - 100)
    static final class Recorder implements ContainerRequestFilter {

        @Context
        private HttpServletRequest servlet;

        @Override
        public void filter(ContainerRequestContext request) {
            if (servlet != null) {
                request.setProperty(PROPERTY, servlet.getRemoteAddr());
            }
        }
    }
}
