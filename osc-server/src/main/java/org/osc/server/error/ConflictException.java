package org.osc.server.error;

import java.util.List;

/** A duplicate name, or an object still in use: 409. */
public class ConflictException extends OscException {

    private static final long serialVersionUID = 1L;

    /** @param message what conflicts, e.g. "A user named 'bob' already exists" */
    public ConflictException(String message) {
        super(message, List.of());
    }

    /** A conflict on one field, e.g. a duplicate name. */
    public ConflictException(String field, String message) {
        super(message, List.of(new FieldError(field, message)));
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
