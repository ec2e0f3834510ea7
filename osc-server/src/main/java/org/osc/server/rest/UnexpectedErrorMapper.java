package org.osc.server.rest;

import java.util.UUID;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Anything else: 500 with an error id; the stack trace goes to the log under that id, never to the caller. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("osc.errors.unexpected")
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", id, e);
        return Problem.of("internal", "Internal error", 500,
                "The server failed to handle the request; the log has the details under error id " + id, null)
                .withErrorId(id).toResponse();
    }
}
