package org.osc.api.manager;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The manager rejected the input of a call: a blank or duplicate name, a malformed address, an unknown
 * domain or policy, an interface naming an unknown device or security group, more policies than the
 * manager supports. Retrying the same call cannot succeed; OSC reports it to the administrator.
 */
@ProviderType
public class ManagerValidationException extends ManagerException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception for one input field.
     *
     * @param field name of the offending field, e.g. {@code "policyIds"}; {@code null} when the whole input is
     *            at fault
     * @param message why it was rejected
     */
    public ManagerValidationException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /**
     * Returns the offending field, so that OSC can point at it in its problem response.
     *
     * @return the field name, or empty when the input as a whole was rejected
     */
    public Optional<String> getField() {
        return Optional.ofNullable(field);
    }
}
