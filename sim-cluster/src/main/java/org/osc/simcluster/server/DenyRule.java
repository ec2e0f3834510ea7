package org.osc.simcluster.server;

/**
 * A permission the simulator reports as denied to access reviews: {@code verb:resource[:namespace]}, e.g.
 * {@code list:pods}, {@code create:deployments.apps:shop}. {@code *} as verb or resource matches any; a resource
 * without a group ({@code deployments}) matches it in any group, {@code deployments.apps} only in {@code apps}. A
 * rule without a namespace denies everywhere; one with a namespace denies there and cluster-wide (all namespaces
 * include it), as missing RBAC rights would.
 *
 * @param verb the verb, or {@code *}
 * @param resource {@code resource} or {@code resource.group}, or {@code *}
 * @param namespace the namespace, or null for every namespace
 */
public record DenyRule(String verb, String resource, String namespace) {

    /**
     * @param text {@code verb:resource[:namespace]}
     * @return the rule
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static DenyRule parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()
                || (parts.length == 3 && parts[2].isBlank())) {
            throw new IllegalArgumentException("a deny rule is verb:resource[:namespace], e.g. list:pods or "
                    + "create:deployments.apps:shop, not '" + text + "'");
        }
        return new DenyRule(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * @param askedVerb the verb of the review
     * @param group the API group of the review, empty for the core group
     * @param askedResource the resource of the review
     * @param askedNamespace the namespace of the review, null or empty for all namespaces
     * @return whether this rule denies it
     */
    public boolean denies(String askedVerb, String group, String askedResource, String askedNamespace) {
        boolean verbMatches = verb.equals("*") || verb.equals(askedVerb);
        String qualified = group == null || group.isEmpty() ? askedResource : askedResource + "." + group;
        boolean resourceMatches = resource.equals("*") || resource.equals(askedResource)
                || resource.equals(qualified);
        boolean clusterWide = askedNamespace == null || askedNamespace.isEmpty();
        boolean namespaceMatches = namespace == null || clusterWide || namespace.equals(askedNamespace);
        return verbMatches && resourceMatches && namespaceMatches;
    }

    @Override
    public String toString() {
        return verb + ":" + resource + (namespace == null ? "" : ":" + namespace);
    }
}
