package org.osc.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the server, turned into one readable line ({@code 400 Invalid request: name: is required})
 * from its {@code application/problem+json} body, with the exit code its status maps to.
 */
public class ApiException extends CliException {

    private static final long serialVersionUID = 1L;

    // the few phrases needed when an answer carries no problem body (a proxy, or a server that is not OSC)
    private static final Map<Integer, String> PHRASES = Map.of(400, "Bad Request", 401, "Unauthorized",
            403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 409, "Conflict",
            415, "Unsupported Media Type", 422, "Unprocessable Content", 500, "Internal Server Error",
            503, "Service Unavailable");

    private final int status;

    /**
     * @param status the HTTP status
     * @param problem the parsed body when it was JSON, or null
     * @param text the raw body, used when it was not JSON
     */
    public ApiException(int status, JsonNode problem, String text) {
        super(ExitCodes.forStatus(status), line(status, problem, text));
        this.status = status;
    }

    /** @return the HTTP status of the answer */
    public int status() {
        return status;
    }

    static String line(int status, JsonNode problem, String text) {
        StringBuilder line = new StringBuilder().append(status).append(' ');
        if (problem != null && problem.isObject() && (problem.hasNonNull("title") || problem.hasNonNull("detail"))) {
            String title = problem.path("title").asText(PHRASES.getOrDefault(status, "Error"));
            String detail = problem.path("detail").asText("");
            line.append(title);
            if (!detail.isBlank() && !detail.equals(title)) {
                line.append(": ").append(detail);
            }
            // the field errors are usually summed up in the detail; add those it does not mention
            for (JsonNode error : problem.path("errors")) {
                String field = error.path("field").asText("");
                if (!field.isEmpty() && !detail.contains(field)) {
                    line.append("; ").append(field).append(": ").append(error.path("message").asText(""));
                }
            }
            if (problem.hasNonNull("errorId")) {
                line.append(" (error id ").append(problem.get("errorId").asText()).append(" in the server log)");
            }
        } else {
            line.append(PHRASES.getOrDefault(status, "HTTP error"));
            String shortText = text == null ? "" : text.strip();
            // a short plain-text body is worth showing; an HTML error page is not
            if (!shortText.isEmpty() && shortText.length() <= 200 && !shortText.startsWith("<")
                    && shortText.indexOf('\n') < 0) {
                line.append(": ").append(shortText);
            }
        }
        return line.toString();
    }
}
