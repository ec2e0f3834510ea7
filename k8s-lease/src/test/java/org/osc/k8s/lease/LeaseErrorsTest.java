package org.osc.k8s.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The reasons of refusals sim-cluster cannot produce (it enforces no RBAC): what a real API server answers when
 * the service account lacks the Lease permissions.
 */
class LeaseErrorsTest {

    private static KubernetesClientException answer(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void forbiddenSaysWhichPermissionIsMissingWhere() {
        assertEquals("the service account may not update leases in namespace osc (HTTP 403 Forbidden): grant get, "
                + "create and update on leases.coordination.k8s.io there (deploy/rbac-leader.yaml does)",
                LeaseErrors.of(answer(403, "leases.coordination.k8s.io \"osc-leader\" is forbidden: User "
                        + "\"system:serviceaccount:osc:osc\" cannot update resource \"leases\""), "update", "osc",
                        "https://10.96.0.1:443/").getMessage());
    }

    @Test
    void anyOtherAnswerIsQuotedWithItsCode() {
        assertEquals("the API server https://10.96.0.1:443/ answered HTTP 500 to create the Lease in namespace osc: "
                + "etcdserver: request timed out", LeaseErrors.of(answer(500, "etcdserver: request timed out"),
                "create", "osc", "https://10.96.0.1:443/").getMessage());
    }

    @Test
    void timesAreKeptToTheMicrosecondAndDurationsRoundedUpToSeconds() {
        java.time.Instant now = java.time.Instant.parse("2026-12-06T15:04:05.123456Z");
        assertEquals(now, KubernetesLeaseLock.instant(KubernetesLeaseLock.microTime(now.plusNanos(789))));
        assertEquals(15, KubernetesLeaseLock.seconds(java.time.Duration.ofMillis(14_001)));
    }
}
