package org.osc.server.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.osc.server.audit.AuditTrail;
import org.osc.server.login.LoginService;
import org.osc.server.user.BasicCredentials;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: every family of {@link OscMetrics#REGISTRY} in the Prometheus text exposition format
 * (version 0.0.4), written by the Prometheus client's own writer. HTTP Basic with any OSC user (admin or auditor),
 * as the API, and throttled as its logins are ({@link LoginService}: 429 or 503 with {@code Retry-After}); with
 * {@code OSC_METRICS_OPEN=true} (for a scraper without credentials, on a trusted network) it is
 * served to anyone. It sits beside the REST API rather than in it, at the path scrapers expect by default.
 */
@Component(service = Servlet.class, configurationPid = MetricsServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MetricsServlet.Config.class)
@HttpWhiteboardServletPattern(MetricsServlet.PATH)
public class MetricsServlet extends HttpServlet {

    /** The configuration PID. */
    public static final String PID = "org.osc.server.metrics";
    /** Where the metrics are served. */
    public static final String PATH = "/metrics";

    /** The servlet's configuration. */
    @ObjectClassDefinition(name = "OSC metrics")
    public @interface Config {
        /** @return whether {@code /metrics} is served without credentials */
        @AttributeDefinition(description = "Serve /metrics without credentials")
        boolean open() default false;
    }

    private static final long serialVersionUID = 1L;
    private static final byte[] UNAUTHORIZED = ("{\"type\":\"urn:osc:problem:unauthorized\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"Valid credentials are required (HTTP Basic)\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final transient LoginService logins;
    private final transient AuditTrail audit;
    private final boolean open;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** A servlet checking credentials with the login service unless the configuration opens it. */
    @Activate
    public MetricsServlet(@Reference LoginService logins, @Reference AuditTrail audit, Config config) {
        this.logins = logins;
        this.audit = audit;
        this.open = config.open();
    }

    /**
     * Logs the request in through the {@link LoginService} (throttled like the API's logins); when it is refused,
     * writes the answer (401, 429 or 503, problem+json) and returns false.
     */
    private boolean loggedIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String header = request.getHeader("Authorization");
        Optional<BasicCredentials> credentials = BasicCredentials.of(header);
        LoginService.Login login = credentials.isEmpty() ? null
                : logins.login(credentials.get(), request.getRemoteAddr());
        if (login != null && login.outcome() == LoginService.Outcome.ACCEPTED) {
            return true;
        }
        String name = credentials.map(BasicCredentials::name).orElse(null);
        if (login != null && login.outcome() == LoginService.Outcome.LOCKED) {
            audit.loginFailed(name, request.getRemoteAddr(), "locked after too many failed logins (metrics)", 429);
            refuse(response, 429, login.retryAfterSeconds(), "too_many_login_failures", "Too many failed logins",
                    "Too many failed logins with this user name or from this address; try again in "
                    + login.retryAfterSeconds() + " s");
        } else if (login != null && login.outcome() == LoginService.Outcome.BUSY) {
            audit.loginFailed(name, request.getRemoteAddr(), "too many password checks waiting (metrics)", 503);
            refuse(response, 503, login.retryAfterSeconds(), "unavailable", "Service unavailable",
                    "Too many passwords are being checked; try again in " + login.retryAfterSeconds() + " s");
        } else {
            if (header != null) {
                OscMetrics.LOGIN_FAILURES.labelValues("metrics").inc();
                audit.loginFailed(name, request.getRemoteAddr(), credentials.isPresent()
                        ? "wrong user name or password (metrics)" : "unreadable Authorization header (metrics)", 401);
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"OSC\", charset=\"UTF-8\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(UNAUTHORIZED);
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, int status, long retryAfter, String kind, String title,
            String detail) throws IOException {
        response.setStatus(status);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        // Built from constants and a number only: nothing the client sent.
        response.getOutputStream().write(("{\"type\":\"urn:osc:problem:" + kind + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!open && !loggedIn(request, response)) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, OscMetrics.REGISTRY.scrape());
        }
    }
}
