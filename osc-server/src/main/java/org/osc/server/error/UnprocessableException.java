package org.osc.server.error;

import java.util.List;

/** Well-formed input that cannot be carried out, e.g. no such plugin or a missing capability: 422. */
public class UnprocessableException extends OscException {

    private static final long serialVersionUID = 1L;

    /** A reason tied to one field. */
    public UnprocessableException(String field, String message) {
        super(message, List.of(new FieldError(field, message)));
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String title() {
        return "Cannot be processed";
    }
}
