package org.osc.server.rest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Paths with matrix parameters ({@code /catalog/1;x}) address nothing: 404. The framework would otherwise
 * drop the parameters and serve {@code /catalog/1}, so two spellings would name one object and a filter on
 * paths could be passed by the other.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.pathRules")
@PreMatching
public class PathRules implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path != null && path.indexOf(';') >= 0) {
            request.abortWith(Problem.of("not-found", "Not Found", 404, "No resource at this path", null)
                    .toResponse());
        }
    }
}
