package org.osc.sdn.api.element;

import java.util.List;
import java.util.Objects;

/** Validation shared by the value types of this package; not part of the API. */
final class Values {

    private Values() {
    }

    /** Returns {@code value} if it is neither null nor blank, else throws {@link IllegalArgumentException}. */
    static String requireId(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return value;
    }

    /** Copies a list of addresses, rejecting null or blank entries. */
    static List<String> copyAddresses(List<String> values, String what) {
        Objects.requireNonNull(values, what);
        for (String v : values) {
            requireId(v, what + " entry");
        }
        return List.copyOf(values);
    }
}
