package org.osc.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

/**
 * The catch-all mapper meets what other mappers should have had: the framework's own 4xx (when Jersey serves an
 * application built while {@link WebErrorMapper} was being registered) are their problem answers, without an error
 * id (nothing logged as unexpected); a client gone in the middle of its body is no 500 either.
 */
class UnexpectedErrorMapperTest {

    private final UnexpectedErrorMapper mapper = new UnexpectedErrorMapper();

    @Test
    void theFrameworksOwn4xxAreAnsweredAsWebErrorMapperAnswersThem() {
        Problem notFound = problem(mapper.toResponse(new NotFoundException()), 404);
        assertEquals("No resource at this path", notFound.detail());
        assertNull(notFound.errorId(), "not an unexpected error");
        assertEquals(problem(new WebErrorMapper().toResponse(new NotFoundException()), 404), notFound);
        assertNull(problem(mapper.toResponse(new NotAllowedException("GET")), 405).errorId());
    }

    @Test
    void aServerErrorIsStillUnexpected() {
        assertNotNull(problem(mapper.toResponse(new InternalServerErrorException()), 500).errorId());
        assertNotNull(problem(mapper.toResponse(new IllegalStateException("a bug")), 500).errorId());
    }

    @Test
    void aClientGoneInTheMiddleOfItsBodyIsNoServerError() {
        Throwable earlyEof = new org.eclipse.jetty.io.EofException("Early EOF") {
            private static final long serialVersionUID = 1L;
        };
        assertNull(problem(mapper.toResponse(earlyEof), 400).errorId());
    }

    private static Problem problem(Response response, int status) {
        assertEquals(status, response.getStatus());
        return (Problem) response.getEntity();
    }
}
