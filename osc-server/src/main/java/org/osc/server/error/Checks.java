package org.osc.server.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request, then fails once naming all of them. */
public final class Checks {

    private final List<FieldError> errors = new ArrayList<>();

    /** @return a new, empty collection of problems */
    public static Checks start() {
        return new Checks();
    }

    /** Requires a non-blank text of at most max characters. */
    public Checks text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return this;
    }

    /** Adds a problem when the condition does not hold. */
    public Checks require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** Adds a problem unconditionally. */
    public Checks fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** @return whether a problem was found on that field */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** @throws ValidationException naming every problem found, if any */
    public void done() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
