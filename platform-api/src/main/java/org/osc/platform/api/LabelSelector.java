package org.osc.platform.api;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An equality label selector {@code key=value} with Kubernetes' syntax rules: the key is an optional DNS
 * subdomain prefix and a slash, then a name of at most 63 characters; the value is at most 63 characters
 * (possibly empty). Names and values start and end with an alphanumeric and may contain {@code - _ .}.
 */
public record LabelSelector(String key, String value) {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** Validates on construction: IllegalArgumentException with a readable reason. */
    public LabelSelector {
        String problem = keyProblem(key);
        if (problem == null) {
            problem = valueProblem(value);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Parses {@code key=value}.
     *
     * @param text the selector as written, {@code key=value}
     * @return the selector
     * @throws IllegalArgumentException with a readable reason when the text is not a valid selector
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be key=value");
        }
        int eq = text.indexOf('=');
        if (eq < 0 || text.indexOf('=', eq + 1) >= 0 || text.startsWith("!") || text.contains("==")) {
            throw new IllegalArgumentException("must be key=value (one '=')");
        }
        return new LabelSelector(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /**
     * @param labels a pod's labels, or null
     * @return whether a pod with these labels matches
     */
    public boolean matches(Map<String, String> labels) {
        return labels != null && value.equals(labels.get(key));
    }

    /** @return {@code key=value}, which {@link #parse} accepts */
    @Override
    public String toString() {
        return key + "=" + value;
    }

    private static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "the key is empty";
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "the key prefix '" + prefix + "' must be a DNS subdomain (lower case, at most 253 characters)";
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return "the key name '" + name + "' must be at most 63 characters: alphanumerics, '-', '_', '.', "
                    + "starting and ending with an alphanumeric";
        }
        return null;
    }

    private static String valueProblem(String value) {
        if (value == null) {
            return "the value is missing";
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 63 || !NAME.matcher(value).matches()) {
            return "the value '" + value + "' must be at most 63 characters: alphanumerics, '-', '_', '.', "
                    + "starting and ending with an alphanumeric";
        }
        return null;
    }
}
