package org.osc.k8s.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osc.platform.api.DeploymentRequest;

/**
 * Names and labels of the objects OSC renders for a deployment spec. The name and the selector labels depend
 * only on the spec's id, so they never change while the spec lives: that is how OSC finds its Deployment again,
 * notices it was deleted, and keeps the (immutable) Deployment selector stable across image and version changes.
 */
public final class VnfLabels {

    /** Label key saying who manages the object (Kubernetes' recommended label). */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY} on everything OSC renders. */
    public static final String OSC = "osc";
    /** Label key holding the deployment spec's id. */
    public static final String DEPLOYMENT_SPEC = "osc.io/deployment-spec";
    /** Label key holding the appliance model (informational: not part of the selector). */
    public static final String NAME = "app.kubernetes.io/name";
    /** Label key holding the software version (informational: not part of the selector). */
    public static final String VERSION = "app.kubernetes.io/version";
    /** Annotation holding the hash of the rendered spec, to detect that OSC's own rendering changed. */
    public static final String SPEC_HASH = "osc.io/spec-hash";

    private static final int MAX_LABEL_VALUE = 63;

    private VnfLabels() {
    }

    /**
     * @return the name of the spec's Deployment and NetworkPolicy: {@code osc-vnf-<specId>}, a valid DNS-1123
     *     label for any positive id (at most 27 characters)
     */
    public static String workloadName(long specId) {
        if (specId <= 0) {
            throw new IllegalArgumentException("deployment spec id must be positive, was " + specId);
        }
        return "osc-vnf-" + specId;
    }

    /** @return the labels that select the spec's pods: the Deployment's selector and the NetworkPolicy's */
    public static Map<String, String> selector(long specId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, OSC);
        labels.put(DEPLOYMENT_SPEC, Long.toString(specId));
        return labels;
    }

    /** @return every OSC label of the spec's objects and pods: the selector plus model and version */
    public static Map<String, String> all(DeploymentRequest request) {
        Map<String, String> labels = selector(request.specId());
        labels.put(NAME, labelValue(request.image().model()));
        labels.put(VERSION, labelValue(request.image().swVersion()));
        return labels;
    }

    /** @return whether labels carry OSC's mark for this spec (so the object is OSC's to change or delete) */
    public static boolean isOurs(Map<String, String> labels, long specId) {
        return labels != null && OSC.equals(labels.get(MANAGED_BY))
                && Long.toString(specId).equals(labels.get(DEPLOYMENT_SPEC));
    }

    /**
     * Makes free text a valid label value: characters other than alphanumerics, {@code - _ .} become {@code -},
     * at most 63 characters, starting and ending with an alphanumeric. "Sample VNF 1.0+b7" becomes
     * "Sample-VNF-1.0-b7"; text with nothing usable becomes "unknown" (a label value must not be empty here,
     * so that selecting on it stays meaningful).
     */
    public static String labelValue(String text) {
        if (text == null) {
            return "unknown";
        }
        String value = text.trim().replaceAll("[^A-Za-z0-9._-]", "-");
        if (value.length() > MAX_LABEL_VALUE) {
            value = value.substring(0, MAX_LABEL_VALUE);
        }
        value = value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return value.isEmpty() ? "unknown" : value;
    }
}
