package org.osc.server.metrics;

import java.lang.reflect.Method;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Times every REST request of every application of the whiteboard into
 * {@code osc_http_request_duration_seconds{method,route,status}}: from before matching (so that authentication
 * counts) to the response. The route is the matched resource method's template ({@code /api/server/v1/
 * virtualizationConnectors/{vcId}/securityGroups/{sgId}}), never the raw path, so ids make no series; a request
 * that matched no resource method is {@code unmatched}. A 401 to a request that sent credentials counts as a login
 * failure ({@code osc_login_failures_total{endpoint="api"}}).
 *
 * <p>The template comes from a {@link RouteFilter} this feature binds to each resource method when an application
 * is built, not from an injected {@link ResourceInfo}: the whiteboard shares this one object among the applications
 * it selects, and a proxy injected by one application is out of scope in another's requests.
 */
@Component(service = {DynamicFeature.class, ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName("osc.metrics")
// Every application: OSC's and the plugins' (whichever names they have).
@JakartarsApplicationSelect("(osgi.jakartars.name=*)")
@PreMatching
@Priority(1)
public class RestMetricsFilter implements DynamicFeature, ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RestMetricsFilter.class.getName() + ".started";
    private static final String ROUTE = RestMetricsFilter.class.getName() + ".route";
    /** The methods counted by name; any other (a client may send any token) is {@code OTHER}: no series per typo. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** The route a request that matched no resource method is counted under. */
    static final String UNMATCHED = "unmatched";

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass() != null && resource.getResourceMethod() != null) {
            context.register(new RouteFilter(resource.getResourceClass(), resource.getResourceMethod()), 1);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long at)) {
            return;
        }
        int status = response.getStatus();
        Object route = request.getProperty(ROUTE);
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        OscMetrics.HTTP_REQUESTS.labelValues(method, route instanceof String r ? r : UNMATCHED,
                Integer.toString(status)).observe((System.nanoTime() - at) / 1e9);
        if (status == 401 && request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            OscMetrics.LOGIN_FAILURES.labelValues("api").inc();
        }
    }

    /** @return the application's base, the class's path and the method's, joined by single slashes */
    static String template(String base, Class<?> type, Method method) {
        StringBuilder route = new StringBuilder();
        append(route, base);
        Path typePath = type.getAnnotation(Path.class);
        if (typePath != null) {
            append(route, typePath.value());
        }
        Path methodPath = method.getAnnotation(Path.class);
        if (methodPath != null) {
            append(route, methodPath.value());
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    private static void append(StringBuilder route, String part) {
        for (String segment : part.split("/")) {
            if (!segment.isEmpty()) {
                route.append('/').append(segment);
            }
        }
    }

    /**
     * Bound to one resource method of one application: names the request's route before authentication (priority
     * 1) can refuse it, so that a 401 or 403 is counted under its route too.
     */
    static final class RouteFilter implements ContainerRequestFilter {

        private final Class<?> type;
        private final Method method;
        /** The template, once the first request has told the application's base. */
        private volatile String template;

        RouteFilter(Class<?> type, Method method) {
            this.type = type;
            this.method = method;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            String known = template;
            if (known == null) {
                known = template(request.getUriInfo().getBaseUri().getPath(), type, method);
                template = known;
            }
            request.setProperty(ROUTE, known);
        }
    }
}
