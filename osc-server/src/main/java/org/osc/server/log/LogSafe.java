package org.osc.server.log;

/**
 * Values from outside (names an administrator wrote, messages of plugins and clusters) as they may go into a
 * log line: control characters, line and paragraph separators and backslashes escaped ({@code \n},
 * {@code \u2028}, {@code \\}), so that a value cannot forge a line or pass for another field, and cut to
 * {@value #MAX} characters so that one value cannot flood the log. Secrets are never logged, escaped or not.
 */
public final class LogSafe {

    /** The most characters of a value that go into the log. */
    public static final int MAX = 256;

    private LogSafe() {
    }

    /** @return the value as it may be logged ({@code null} for null) */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int shown = Math.min(text.length(), MAX);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validPair(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > shown) {
            out.append("...(").append(text.length() - shown).append(" more characters)");
        }
        return out.toString();
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
