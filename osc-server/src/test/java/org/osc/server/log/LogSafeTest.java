package org.osc.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a value from outside looks like in a log line. */
class LogSafeTest {

    @Test
    void lineBreaksAndControlsAreEscapedSoNoLineCanBeForged() {
        String forged = LogSafe.of("web\n2025-01-01 00:00:00,000 ERROR forged\r\u2028\u0000\u001b[31m");
        assertEquals("web\\n2025-01-01 00:00:00,000 ERROR forged\\r\\u2028\\u0000\\u001b[31m", forged);
        assertFalse(forged.chars().anyMatch(Character::isISOControl));
    }

    @Test
    void backslashesAreEscapedSoAnEscapeCannotBeFaked() {
        assertEquals("a\\\\nb", LogSafe.of("a\\nb"));
    }

    @Test
    void longValuesAreCut() {
        String logged = LogSafe.of("x".repeat(10_000));
        assertTrue(logged.startsWith("x".repeat(LogSafe.MAX) + "...("), logged);
        assertTrue(logged.endsWith("(9744 more characters)"), logged);
    }

    @Test
    void ordinaryTextAndPairedSurrogatesStayAsTheyAre() {
        assertEquals("web-01 \ud83d\ude00 é", LogSafe.of("web-01 \ud83d\ude00 é"));
        assertEquals("\\ud800x", LogSafe.of("\ud800x"));
        assertEquals("null", LogSafe.of(null));
    }
}
