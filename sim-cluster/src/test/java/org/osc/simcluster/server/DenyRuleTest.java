package org.osc.simcluster.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenyRuleTest {

    @Test
    void verbResourceAndOptionalNamespace() {
        assertEquals(new DenyRule("list", "pods", null), DenyRule.parse("list:pods"));
        assertEquals(new DenyRule("create", "deployments.apps", "shop"), DenyRule.parse("create:deployments.apps:shop"));
        assertEquals("create:deployments.apps:shop", DenyRule.parse(" create:deployments.apps:shop ").toString());
        for (String bad : new String[] {"", "list", "list:", ":pods", "list:pods:", "a:b:c:d"}) {
            assertThrows(IllegalArgumentException.class, () -> DenyRule.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> DenyRule.parse(null));
    }

    @Test
    void aResourceWithoutGroupMatchesEveryGroupAndWildcardsMatchAll() {
        assertTrue(DenyRule.parse("create:deployments").denies("create", "apps", "deployments", "shop"));
        assertTrue(DenyRule.parse("create:deployments.apps").denies("create", "apps", "deployments", "shop"));
        assertFalse(DenyRule.parse("create:deployments.extensions").denies("create", "apps", "deployments", "shop"));
        assertFalse(DenyRule.parse("create:deployments").denies("delete", "apps", "deployments", "shop"));
        assertTrue(DenyRule.parse("*:*").denies("watch", "", "pods", null));
        assertTrue(DenyRule.parse("list:pods").denies("list", "", "pods", ""));
    }

    @Test
    void aNamespacedRuleDeniesThereAndClusterWideButNotElsewhere() {
        DenyRule rule = DenyRule.parse("list:pods:shop");
        assertTrue(rule.denies("list", "", "pods", "shop"));
        assertTrue(rule.denies("list", "", "pods", null), "all namespaces include shop");
        assertTrue(rule.denies("list", "", "pods", ""));
        assertFalse(rule.denies("list", "", "pods", "blog"));
    }
}
