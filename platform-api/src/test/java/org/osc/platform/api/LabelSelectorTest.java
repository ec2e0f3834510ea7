package org.osc.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @ParameterizedTest
    @ValueSource(strings = { "app=web", "app.kubernetes.io/name=shop", "tier=", "a=b.c-d_e", "A1=Z9",
            "example.com/x=1" })
    void acceptsKubernetesLabels(String text) {
        assertEquals(text, LabelSelector.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "app", "=web", "app==web", "app!=web", "app=web=x", "-app=web", "app=-web",
            "Example.com/x=1", "/x=1", "app=" + "v123456789v123456789v123456789v123456789v123456789v123456789xxxx" })
    void refusesWhatKubernetesRefuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(text));
    }

    @Test
    void matchesEqualValuesOnly() {
        LabelSelector web = LabelSelector.parse("app=web");
        assertTrue(web.matches(Map.of("app", "web", "tier", "front")));
        assertFalse(web.matches(Map.of("app", "db")));
        assertFalse(web.matches(Map.of()));
        assertFalse(web.matches(null));
    }
}
