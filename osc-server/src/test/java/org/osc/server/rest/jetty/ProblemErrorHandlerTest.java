package org.osc.server.rest.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osc.server.rest.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Jetty's own refusals in OSC's words: the problem shape, and nothing of Jetty's message. */
class ProblemErrorHandlerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400|Suspicious Path Character|an encoded character that paths may not hold",
        "400|Ambiguous URI path separator|an encoded slash (%2F)",
        "400|Ambiguous URI path encoding|ambiguous",
        "400|java.lang.IllegalArgumentException: Illegal character at /a<b|malformed",
        "414|URI too long: /aaaa|URI is longer",
        "431|Request Header Fields Too Large|headers are larger",
        "500|org.eclipse.jetty.io.EofException: x|could not handle"})
    void aJettyErrorIsAProblemInOscsWords(int status, String jettyMessage, String detailHas) throws Exception {
        Problem problem = ProblemErrorHandler.problem(status, jettyMessage);
        assertEquals(status, problem.status());
        assertTrue(problem.type().startsWith("urn:osc:problem:"), problem.type());
        assertFalse(problem.title().isBlank());
        assertTrue(problem.detail().contains(detailHas), problem.detail());

        String body = new String(ProblemErrorHandler.body(status, jettyMessage), StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(body);
        assertEquals(status, json.path("status").asInt());
        assertEquals(problem.detail(), json.path("detail").asText());
        assertFalse(body.contains("jetty") || body.contains("java") || body.contains("Exception")
                || body.contains("<") || problem.detail().contains(jettyMessage), body);
    }
}
