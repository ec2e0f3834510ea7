package org.osc.server.error;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The common checks: every text field gets the same character rules and a length bound. */
class ChecksTest {

    @Test
    void namesRefuseControlCharactersLineBreaksNulAndUnpairedSurrogates() {
        assertEquals("must not contain control characters or line breaks", problem("a\nb"));
        assertEquals("must not contain control characters or line breaks", problem("a\rb"));
        assertEquals("must not contain control characters or line breaks", problem("a\tb"));
        assertEquals("must not contain control characters or line breaks", problem("a\u0085b"));
        assertEquals("must not contain control characters or line breaks", problem("a\u2028b"));
        assertEquals("must not contain NUL characters", problem("a\u0000b"));
        assertEquals("must not contain unpaired surrogate characters (invalid UTF-16)", problem("a\ud800b"));
        assertEquals("must not contain unpaired surrogate characters (invalid UTF-16)", problem("a\udc00"));
        assertDoesNotThrow(() -> Checks.start().text("name", "web \ud83d\ude00 é", 255).done());
    }

    @Test
    void textsAreRequiredAndBounded() {
        assertEquals("is required", problem(" "));
        assertEquals("name: must be at most 4 characters",
                assertThrows(ValidationException.class, () -> Checks.start().text("name", "abcde", 4).done())
                        .getMessage());
        assertDoesNotThrow(() -> Checks.start().text("name", "abcd", 4).optionalText("other", null, 4).done());
    }

    @Test
    void multiLineTextsKeepLineBreaksButNotOtherControls() {
        assertDoesNotThrow(() -> Checks.start().multiLine("kubeconfig", "a: 1\r\n\tb: 2\n", 100).done());
        ValidationException e = assertThrows(ValidationException.class,
                () -> Checks.start().multiLine("kubeconfig", "a: \u0007", 100).done());
        assertEquals(List.of(new FieldError("kubeconfig",
                "must not contain control characters other than tab and line breaks")), e.errors());
        assertThrows(ValidationException.class, () -> Checks.start().multiLine("kubeconfig", "a\u0000", 100).done());
        assertThrows(ValidationException.class, () -> Checks.start().multiLine("kubeconfig", "abc", 2).done());
    }

    @Test
    void secretsAreBoundedAndNeverQuoted() {
        String secret = "s3cr3t-".repeat(200);
        ValidationException e = assertThrows(ValidationException.class,
                () -> Checks.start().secret("password", secret, 1024).done());
        assertEquals("password: must be at most 1024 characters", e.getMessage());
        e = assertThrows(ValidationException.class, () -> Checks.start().secret("password", "s3cr3t\u0000", 10)
                .done());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertDoesNotThrow(() -> Checks.start().secret("password", "tab\tand\nnewline", 100).done());
    }

    @Test
    void integersAndListsHaveBounds() {
        assertEquals("count: must be from 0 to 1000", assertThrows(ValidationException.class,
                () -> Checks.start().integer("count", Integer.MAX_VALUE, 0, 1000).done()).getMessage());
        assertEquals("count: is required", assertThrows(ValidationException.class,
                () -> Checks.start().integer("count", null, 0, 1000).done()).getMessage());
        assertEquals("namespaces: must have at most 2 elements", assertThrows(ValidationException.class,
                () -> Checks.start().size("namespaces", List.of("a", "b", "c"), 2).done()).getMessage());
        assertDoesNotThrow(() -> Checks.start().integer("count", 1000, 0, 1000).size("namespaces", null, 2).done());
    }

    private static String problem(String name) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> Checks.start().text("name", name, 255).done());
        assertEquals("name", e.errors().get(0).field());
        return e.errors().get(0).message();
    }
}
