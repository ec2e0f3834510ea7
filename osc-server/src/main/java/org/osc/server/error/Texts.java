package org.osc.server.error;

/**
 * The character rules of every string the API stores: no NUL (PostgreSQL cannot store it), no unpaired UTF-16
 * surrogate (it has no UTF-8 encoding, so it would be stored as something else), and, in names and other
 * single-line values, no control characters or line separators (they would forge lines in logs and listings).
 */
public final class Texts {

    private Texts() {
    }

    /** @return why the value breaks the rules of any stored string (NUL, unpaired surrogate), or null */
    public static String storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "must not contain NUL characters";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return "must not contain unpaired surrogate characters (invalid UTF-16)";
                }
            }
        }
        return null;
    }

    /**
     * @return why the value is not a valid single-line text (a name, an id, a URL): a control character, a line
     *     or paragraph separator, or a rule of {@link #storable}; null when it is valid
     */
    public static String singleLine(String value) {
        String problem = storable(value);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isLineBreaking(value.charAt(i))) {
                return "must not contain control characters or line breaks";
            }
        }
        return null;
    }

    /**
     * @return why the value is not a valid multi-line text (a kubeconfig, a certificate): control characters other
     *     than tab, line feed and carriage return, or a rule of {@link #storable}; null when it is valid
     */
    public static String multiLine(String value) {
        String problem = storable(value);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r' && Character.isISOControl(c)) {
                return "must not contain control characters other than tab and line breaks";
            }
        }
        return null;
    }

    private static boolean isLineBreaking(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
