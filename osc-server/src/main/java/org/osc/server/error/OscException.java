package org.osc.server.error;

import java.util.List;

/**
 * A failure the caller can act on. Each subclass maps to one HTTP status and a problem type; the message is
 * shown to the caller as the problem's detail, so it must be readable and must never contain secrets.
 */
public abstract class OscException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    protected OscException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** @return the HTTP status this failure answers with */
    public abstract int status();

    /** @return a short, stable title of the kind of failure */
    public abstract String title();

    /** @return the invalid fields, empty when the failure is not about a field */
    public List<FieldError> errors() {
        return errors;
    }
}
