package org.osc.server.error;

import java.util.List;

/** Invalid input: 400, naming each offending field. */
public class ValidationException extends OscException {

    private static final long serialVersionUID = 1L;

    /** One invalid field. */
    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** Several invalid fields at once. */
    public ValidationException(List<FieldError> errors) {
        super(summary(errors), errors);
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Invalid request";
    }
}
