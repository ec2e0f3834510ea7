package org.osc.server.error;

/** One invalid field of a request: its name (dotted path for nested fields) and what is wrong with it. */
public record FieldError(String field, String message) {
}
