package org.osc.sample.sdn;

/** Argument checks shared by the sample's entry points. */
final class Checks {

    private Checks() {
    }

    /** Returns the id if it is neither null nor blank, else throws {@link IllegalArgumentException}. */
    static String id(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        return value;
    }

    /** Throws {@link IllegalArgumentException} for a null value (the SPI documents IAE for bad arguments). */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
