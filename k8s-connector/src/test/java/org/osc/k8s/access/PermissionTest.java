package org.osc.k8s.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void clusterWideOnlyPodsElsePodsDeploymentsAndPoliciesPerNamespace() {
        assertEquals(List.of(new Permission("list", "", "pods", null), new Permission("watch", "", "pods", null)),
                Permission.needed(List.of()));
        List<Permission> shop = Permission.needed(List.of("shop"));
        assertEquals(12, shop.size());
        assertEquals(new Permission("create", "apps", "deployments", "shop"), shop.get(3));
        assertEquals(new Permission("delete", "networking.k8s.io", "networkpolicies", "shop"), shop.get(11));
    }

    @Test
    void verbsAreGroupedByResourceAndNamespace() {
        assertEquals("may not list or watch pods in all namespaces; may not get, create or delete deployments.apps "
                + "in namespace shop; may not patch networkpolicies.networking.k8s.io in namespace shop",
                Permission.describe(List.of(new Permission("list", "", "pods", null),
                        new Permission("watch", "", "pods", null),
                        new Permission("get", "apps", "deployments", "shop"),
                        new Permission("create", "apps", "deployments", "shop"),
                        new Permission("patch", "networking.k8s.io", "networkpolicies", "shop"),
                        new Permission("delete", "apps", "deployments", "shop"))));
    }
}
