package org.osc.server.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every invalid field of a request, then fails once naming all of them. The text checks apply the
 * character rules of {@link Texts} and the column sizes of the store, so that nothing the database or a
 * library would refuse gets that far.
 */
public final class Checks {

    private final List<FieldError> errors = new ArrayList<>();

    /** @return a new, empty collection of problems */
    public static Checks start() {
        return new Checks();
    }

    /**
     * Requires a non-blank, single-line text of at most max characters (a name, an id, a URL): no control
     * characters, line breaks, NUL or unpaired surrogates ({@link Texts#singleLine}).
     */
    public Checks text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return this;
        }
        return optionalText(field, value, max);
    }

    /** Like {@link #text}, but null is allowed (an optional field); blank is not checked here. */
    public Checks optionalText(String field, String value, int max) {
        if (value == null) {
            return this;
        }
        return length(field, value, max, Texts.singleLine(value));
    }

    /**
     * An optional multi-line text of at most max characters (a kubeconfig, a certificate): line breaks and tabs
     * are allowed, other control characters, NUL and unpaired surrogates are not ({@link Texts#multiLine}).
     */
    public Checks multiLine(String field, String value, int max) {
        if (value == null) {
            return this;
        }
        return length(field, value, max, Texts.multiLine(value));
    }

    /**
     * An optional secret (a password, a token, an API key) of at most max characters, without NUL or unpaired
     * surrogates. The problem never quotes the value.
     */
    public Checks secret(String field, String value, int max) {
        if (value == null) {
            return this;
        }
        return length(field, value, max, Texts.storable(value));
    }

    /** Requires an integer from min to max (both included). */
    public Checks integer(String field, Integer value, int min, int max) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value < min || value > max) {
            errors.add(new FieldError(field, "must be from " + min + " to " + max));
        }
        return this;
    }

    /** Requires a list (null counts as empty) of at most max elements. */
    public Checks size(String field, Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            errors.add(new FieldError(field, "must have at most " + max + " elements"));
        }
        return this;
    }

    private Checks length(String field, String value, int max, String characterProblem) {
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (characterProblem != null) {
            errors.add(new FieldError(field, characterProblem));
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
