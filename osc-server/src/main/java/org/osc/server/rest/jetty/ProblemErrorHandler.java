package org.osc.server.rest.jetty;

import java.nio.ByteBuffer;
import java.util.UUID;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.osc.server.config.RuntimeConfigurator;
import org.osc.server.log.LogSafe;
import org.osc.server.rest.ClientAbort;
import org.osc.server.rest.JsonSupport;
import org.osc.server.rest.PluginApplication;
import org.osc.server.rest.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jetty's own error answers as OSC's problem+json ({@link Problem}: type, title, status, detail), whatever the
 * request's method or {@code Accept} header. The detail is OSC's words for what Jetty refused; Jetty's message is
 * never echoed (it may quote the request or name a Java exception). A failure of the server itself is logged with
 * an error id, which the answer carries. Every such answer closes the connection. One exception: a failure under
 * the plugins' application ({@code /api/plugins/}) outside its resources (a request that met the plugin's resource
 * while the plugin was being removed or installed) is a 503 with {@code Retry-After}, as the retry finds the
 * resource there or gone.
 */
public class ProblemErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = JsonSupport.mapper();
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);
    /** Where the plugins' REST resources are served ({@link PluginApplication}). */
    private static final String PLUGINS = RuntimeConfigurator.API_ROOT + PluginApplication.BASE + "/";
    private static final int RETRY_AFTER_SECONDS = 1;

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        Problem problem;
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        if (code >= 500 && path != null && path.startsWith(PLUGINS)) {
            // The plugins' application failed outside its resources: the plugin's resource service is gone (its
            // bundle stopping) and the whiteboard has not yet rebuilt the application without it, so Jersey tried
            // to make the resource itself. The HTTP server has logged the failure already.
            // GAP: Felix and Jersey log each such request with a stack trace (a few lines per request, for the
            // milliseconds a plugin takes to go); only an admin can remove a plugin, so no anonymous log flood.
            LOG.debug("Answered 503: a plugin's REST resource was not available");
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problem = Problem.of("unavailable", "Service unavailable", 503, "The plugin that serves this path is "
                    + "being installed or removed; retry in a moment", null);
        } else if (code >= 500 && ClientAbort.is(cause)) {
            // The client closed its side or stopped sending (e.g. after it read an early 413): not a server failure.
            LOG.debug("Answered {}: the client went away ({})", code, LogSafe.of(String.valueOf(cause)));
            problem = problem(code, message);
        } else if (code >= 500) {
            String id = UUID.randomUUID().toString();
            LOG.error("Unexpected error {} of the HTTP server: {}", id, LogSafe.of(message), cause);
            problem = problem(code, message).withErrorId(id);
        } else {
            problem = problem(code, message);
        }
        byte[] body = write(problem);
        // Jetty closes the connection after a request it refused itself (not always saying so): say it, so that a
        // client does not send its next request on a connection that is going away.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONNECTION, "close");
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    /** @return the problem document of an error Jetty answered with that status and message */
    static byte[] body(int status, String message) {
        return write(problem(status, message));
    }

    private static byte[] write(Problem problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document cannot be written", e);
        }
    }

    /** @return the problem of an error Jetty answered with that status and (Jetty's, never shown) message */
    static Problem problem(int status, String message) {
        String title = HttpStatus.getMessage(status);
        String kind = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return Problem.of(kind, title, status, detail(status, message == null ? "" : message), null);
    }

    private static String detail(int status, String message) {
        return switch (status) {
            case HttpStatus.BAD_REQUEST_400 -> badRequest(message);
            case HttpStatus.URI_TOO_LONG_414 -> "The request's URI is longer than the server accepts";
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "The request's headers are larger than the server "
                    + "accepts";
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> "The request body is larger than the server accepts";
            case HttpStatus.NOT_FOUND_404 -> "No resource at this path";
            case HttpStatus.METHOD_NOT_ALLOWED_405 -> "This path does not accept that method";
            default -> status >= 500 ? "The server could not handle the request" : HttpStatus.getMessage(status);
        };
    }

    private static String badRequest(String message) {
        if (message.contains("Suspicious Path Character")) {
            return "The request path has an encoded character that paths may not hold (a control character, "
                    + "DEL or a backslash)";
        }
        if (message.contains("path separator")) {
            return "The request path has an encoded slash (%2F), which paths may not hold";
        }
        if (message.contains("Ambiguous")) {
            return "The request path is ambiguous (an encoded '%' or '.', an empty or dot segment, or a path "
                    + "parameter); send it without them";
        }
        return "The request is malformed (its request line, a header, or a character of its path) and was "
                + "refused before it reached the API";
    }
}
