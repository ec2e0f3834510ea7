package org.osc.server.rest;

import java.util.Collections;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * Puts the client's address into each REST request as the property {@link #PROPERTY}, before anything else: the
 * login throttle counts failed logins per address, the audit trail records it, also for requests no resource
 * matches. It is the socket peer's address, unless the peer is a trusted proxy ({@link TrustedProxies},
 * {@code OSC_TRUSTED_PROXIES}): then it is the address that proxy forwarded for in {@code X-Forwarded-For}.
 *
 * <p>An object of each application (OSC's and the plugins', see their {@code getSingletons}) rather than a
 * whiteboard extension: the servlet request is injected per application, and one object shared by two
 * applications would hold a proxy that only one of them can resolve.
 */
@PreMatching
@Priority(3)
public class ClientAddress implements ContainerRequestFilter {

    /** The request property holding the client's address (a String), when the server could tell it. */
    public static final String PROPERTY = "osc.client.address";
    /** The configuration of the applications that make these filters: {@code trustedProxies}. */
    public static final String PID = "org.osc.server.rest.ClientAddress";
    /** The header a trusted proxy names the address it forwards for in. */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;

    @Context
    private HttpServletRequest servletRequest;

    /** A filter that takes the socket peer's address and never a forwarded header. */
    public ClientAddress() {
        this(TrustedProxies.NONE);
    }

    /** @param proxies the proxies whose forwarded header is believed */
    public ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** @return the client's address of the request, or null when it is not known */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            String address = servletRequest == null ? null : servletRequest.getRemoteAddr();
            if (address != null && !proxies.isEmpty()) {
                List<String> forwarded = Collections.list(servletRequest.getHeaders(FORWARDED_FOR));
                address = proxies.clientAddress(address, forwarded);
            }
            if (address != null) {
                request.setProperty(PROPERTY, address);
            }
        } catch (IllegalStateException e) {
            // not in a servlet request (an in-memory test container): the address stays unknown
        }
    }
}
