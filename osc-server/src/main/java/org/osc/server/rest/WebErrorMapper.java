package org.osc.server.rest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The framework's own HTTP errors (unknown path, wrong method, unsupported media type) as problems. */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.errors.web")
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        return problem(e);
    }

    /** @return the framework's error as a problem with its status (also for {@link UnexpectedErrorMapper}) */
    static Response problem(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This path does not accept that method";
            case 415 -> "Unsupported content type; send application/json";
            case 406 -> "Cannot produce the requested media type";
            default -> title;
        };
        Response.ResponseBuilder builder = Response.fromResponse(original).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, status,
                        detail, null));
        return builder.build();
    }
}
