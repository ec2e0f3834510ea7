package org.osc.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.osc.server.error.ValidationException;
import org.osc.server.user.Role;

class TokenRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withoutAnExpiryATokenLastsNinetyDays() {
        assertEquals(NOW.plus(Duration.ofDays(90)), TokenRules.expiry(null, null, NOW));
    }

    @Test
    void aLifetimeIsANumberAndAUnit() {
        assertEquals(NOW.plusSeconds(5), TokenRules.expiry(null, "5s", NOW));
        assertEquals(NOW.plus(Duration.ofMinutes(15)), TokenRules.expiry(null, "15m", NOW));
        assertEquals(NOW.plus(Duration.ofHours(12)), TokenRules.expiry(null, "12h", NOW));
        assertEquals(NOW.plus(Duration.ofDays(30)), TokenRules.expiry(null, "30d", NOW));
        assertEquals(NOW.plus(Duration.ofDays(365)), TokenRules.expiry(null, "1y", NOW));
        assertEquals("expiresIn", field(() -> TokenRules.expiry(null, "30 days", NOW)));
        assertEquals("expiresIn", field(() -> TokenRules.expiry(null, "0d", NOW)));
        assertEquals("expiresIn", field(() -> TokenRules.expiry(null, "-1d", NOW)));
    }

    @Test
    void anExpiryMustBeInTheFutureAndAtMostAYearAway() {
        assertEquals(NOW.plusSeconds(1), TokenRules.expiry(NOW.plusSeconds(1), null, NOW));
        assertEquals("expiresAt", field(() -> TokenRules.expiry(NOW, null, NOW)));
        assertEquals("expiresAt", field(() -> TokenRules.expiry(NOW.minusSeconds(60), null, NOW)));
        assertEquals("expiresAt", field(() -> TokenRules.expiry(NOW.plus(Duration.ofDays(366)), null, NOW)));
        assertEquals("expiresIn", field(() -> TokenRules.expiry(null, "2y", NOW)));
        assertEquals("expiresIn", field(() -> TokenRules.expiry(NOW.plusSeconds(60), "1d", NOW)));
    }

    @Test
    void aTokenRoleIsAtMostItsCreatorsRole() {
        assertEquals(Role.ADMIN, TokenRules.role(null, Role.ADMIN));
        assertEquals(Role.AUDITOR, TokenRules.role(null, Role.AUDITOR));
        assertEquals(Role.AUDITOR, TokenRules.role("auditor", Role.ADMIN));
        assertEquals(Role.AUDITOR, TokenRules.role("Auditor", Role.AUDITOR));
        assertEquals("role", field(() -> TokenRules.role("admin", Role.AUDITOR)));
        assertEquals("role", field(() -> TokenRules.role("root", Role.ADMIN)));
    }

    @Test
    void theEffectiveRoleIsTheLowerOfTwo() {
        assertEquals(Role.ADMIN, TokenRules.lower(Role.ADMIN, Role.ADMIN));
        assertEquals(Role.AUDITOR, TokenRules.lower(Role.ADMIN, Role.AUDITOR));
        assertEquals(Role.AUDITOR, TokenRules.lower(Role.AUDITOR, Role.ADMIN));
    }

    @Test
    void namesFollowTheUserNameRules() {
        TokenRules.name("ci-deploy_1.prod");
        assertEquals("name", field(() -> TokenRules.name(null)));
        assertEquals("name", field(() -> TokenRules.name(" ")));
        assertEquals("name", field(() -> TokenRules.name("-x")));
        assertEquals("name", field(() -> TokenRules.name("a b")));
        assertEquals("name", field(() -> TokenRules.name("x".repeat(65))));
    }

    private static String field(Runnable call) {
        return assertThrows(ValidationException.class, call::run).errors().get(0).field();
    }
}
