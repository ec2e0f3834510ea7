package org.osc.server.rest;

import java.util.Locale;

import org.osc.server.error.OscException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Known failures (validation, not found, conflict, forbidden, unprocessable) as problems. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.errors.known")
public class OscExceptionMapper implements ExceptionMapper<OscException> {

    @Override
    public Response toResponse(OscException e) {
        return problem(e).toResponse();
    }

    /** @return the problem a known failure answers with */
    static Problem problem(OscException e) {
        String kind = e.title().toLowerCase(Locale.ROOT).replace(' ', '-');
        return Problem.of(kind, e.title(), e.status(), e.getMessage(), e.errors());
    }
}
