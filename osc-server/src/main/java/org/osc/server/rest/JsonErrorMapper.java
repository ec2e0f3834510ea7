package org.osc.server.rest;

import java.util.List;

import org.osc.server.error.FieldError;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Request bodies that are not valid JSON, or not of the expected shape: 400, naming the field when Jackson
 * knows it ({@link JsonErrors}).
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsApplicationSelect(OscApplication.SELECT_ALL)
@JakartarsName("osc.errors.json")
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && (!mapping.getPath().isEmpty()
                || mapping instanceof MismatchedInputException)) {
            FieldError error = JsonErrors.of("", mapping);
            return Problem.of("validation", "Invalid request", 400, error.field() + ": " + error.message(),
                    List.of(error)).toResponse();
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of("malformed-json", "Malformed JSON", 400, "The request body is not valid JSON" + where,
                null).toResponse();
    }
}
