package org.osc.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references and resource quantities, as Kubernetes and the registries would accept them. */
class CatalogSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"vnf", "vnf:1.0", "library/nginx:1.25-alpine", "registry.example.com:5000/sec/vnf:1.0",
        "localhost/vnf", "ghcr.io/org/my_vnf.x:v1",
        "ghcr.io/org/vnf@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "[fd00::1]:5000/vnf:1"})
    void validImageReferences(String reference) {
        assertNull(ImageReference.problem(reference), reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://registry.example.com/vnf", "Registry/VNF", "vnf:", "a//b", "vnf:bad tag",
        "vnf@sha256:short", "-vnf", "vnf:1.0:2.0"})
    void invalidImageReferences(String reference) {
        assertNotNull(ImageReference.problem(reference), reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5.2", "256MB", "abc", "1 Gi", "", "1e", "Mi"})
    void invalidQuantities(String quantity) {
        assertNull(Quantity.parse(quantity), quantity);
    }

    @Test
    void quantitiesCompareByValue() {
        assertEquals(0, new BigDecimal("0.5").compareTo(Quantity.parse("500m")));
        assertEquals(0, new BigDecimal("0.25").compareTo(Quantity.parse(".25")));
        assertEquals(0, BigDecimal.valueOf(256L << 20).compareTo(Quantity.parse("256Mi")));
        assertEquals(0, new BigDecimal("1000").compareTo(Quantity.parse("1e3")));
        assertEquals(0, new BigDecimal("2000000000").compareTo(Quantity.parse("2G")));
        assertEquals(0, BigDecimal.ONE.compareTo(Quantity.parse("1")));
    }
}
