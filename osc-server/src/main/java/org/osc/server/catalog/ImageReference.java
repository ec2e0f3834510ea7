package org.osc.server.catalog;

import java.util.regex.Pattern;

/**
 * The syntax of a container image reference, {@code [registry[:port]/]repository[:tag][@digest]}, as the
 * distribution (Docker) reference grammar defines it, so that a typo is refused at the API rather than
 * discovered as an image pull failure in the cluster.
 */
final class ImageReference {

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|-+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])";
    private static final String DOMAIN = HOST + "(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + PATH_COMPONENT + "(?:/"
            + PATH_COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final int MAX_NAME = 255;

    private ImageReference() {
    }

    /**
     * @param reference e.g. {@code registry.example.com:5000/security/vnf:1.2@sha256:...}
     * @return why the reference is invalid, or null when it is valid
     */
    static String problem(String reference) {
        var matcher = REFERENCE.matcher(reference);
        if (!matcher.matches()) {
            return "must be an image reference [registry[:port]/]repository[:tag][@digest], repository in lower "
                    + "case, e.g. registry.example.com/security/vnf:1.0";
        }
        String domain = matcher.group(1);
        int nameLength = (domain == null ? 0 : domain.length() + 1) + matcher.group(2).length();
        if (nameLength > MAX_NAME) {
            return "the image name must be at most " + MAX_NAME + " characters";
        }
        return null;
    }
}
