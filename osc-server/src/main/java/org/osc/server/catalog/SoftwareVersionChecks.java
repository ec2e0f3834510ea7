package org.osc.server.catalog;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.osc.server.domain.Columns;
import org.osc.server.error.Checks;

/** Validates a software version: required texts, image reference, pull secret name, resource quantities. */
final class SoftwareVersionChecks {

    /** The one virtualization type there is. */
    static final String KUBERNETES = "KUBERNETES";

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private SoftwareVersionChecks() {
    }

    /** @throws org.osc.server.error.ValidationException naming every invalid field */
    static void validate(SoftwareVersionBody body) {
        if (body == null) {
            Checks.start().fail("body", "is required").done();
        }
        Checks checks = Checks.start().text("swVersion", body.swVersion(), Columns.NAME)
                .text("virtualizationVersion", body.virtualizationVersion(), Columns.NAME)
                .text("imageUrl", body.imageUrl(), Columns.URL);
        checks.require(body.virtualizationType() == null || KUBERNETES.equals(body.virtualizationType()),
                "virtualizationType", "must be KUBERNETES");
        if (!checks.has("imageUrl")) {
            String problem = ImageReference.problem(body.imageUrl());
            checks.require(problem == null, "imageUrl", problem);
        }
        String secret = body.imagePullSecretName();
        checks.require(secret == null
                || (secret.length() <= Columns.OBJECT_NAME && DNS_SUBDOMAIN.matcher(secret).matches()),
                "imagePullSecretName", "must be a Kubernetes object name: lower-case alphanumerics, '-' and '.', "
                        + "at most 253 characters");
        SoftwareVersionBody.Resources resources = body.resources();
        if (resources != null) {
            BigDecimal cpuRequest = quantity(checks, "resources.cpuRequest", resources.cpuRequest());
            BigDecimal cpuLimit = quantity(checks, "resources.cpuLimit", resources.cpuLimit());
            BigDecimal memoryRequest = quantity(checks, "resources.memoryRequest", resources.memoryRequest());
            BigDecimal memoryLimit = quantity(checks, "resources.memoryLimit", resources.memoryLimit());
            // Kubernetes refuses a pod whose limit is below its request; say so before it gets that far.
            checks.require(cpuRequest == null || cpuLimit == null || cpuLimit.compareTo(cpuRequest) >= 0,
                    "resources.cpuLimit", "must not be less than resources.cpuRequest");
            checks.require(memoryRequest == null || memoryLimit == null || memoryLimit.compareTo(memoryRequest) >= 0,
                    "resources.memoryLimit", "must not be less than resources.memoryRequest");
        }
        checks.done();
    }

    private static BigDecimal quantity(Checks checks, String field, String value) {
        if (value == null) {
            return null;
        }
        BigDecimal parsed = value.length() > Columns.QUANTITY ? null : Quantity.parse(value);
        checks.require(parsed != null, field, "must be a Kubernetes quantity, e.g. 500m, 1, 256Mi or 1Gi");
        return parsed;
    }
}
