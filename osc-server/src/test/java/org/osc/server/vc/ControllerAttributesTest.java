package org.osc.server.vc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osc.server.error.Checks;
import org.osc.server.error.FieldError;
import org.osc.server.error.ValidationException;
import org.osc.server.rest.JsonErrors;
import org.osc.server.rest.JsonSupport;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The rules of controller attributes: what is valid, which are secrets, and what an update keeps. */
class ControllerAttributesTest {

    private static final ObjectMapper JSON = JsonSupport.mapper();

    @Test
    void secretsAreKeysEndingInKeyPasswordSecretOrTokenInAnyCase() {
        for (String key : List.of("northboundClientKey", "key", "ADMIN_PASSWORD", "clientsecret", "api.Token",
                "sharedSECRET")) {
            assertTrue(ControllerAttributes.isSecret(key), key);
        }
        for (String key : List.of("northbound", "keyring", "tokens", "passwordHint", "caCertificate", "keys")) {
            assertFalse(ControllerAttributes.isSecret(key), key);
        }
    }

    @Test
    void validAttributesPassWithPemValues() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("northbound", "tcp:127.0.0.1:6641");
        attributes.put("northbound.ca-cert_1", "-----BEGIN CERTIFICATE-----\n\tAAAA\r\n-----END CERTIFICATE-----\n");
        attributes.put("k".repeat(64), "v".repeat(16384));
        assertEquals(List.of(), problems(attributes));
    }

    @Test
    void eachBadAttributeIsNamedByItsKey() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("bad key", "x");
        attributes.put("", "x");
        attributes.put("k".repeat(65), "x");
        attributes.put("long", "v".repeat(16385));
        attributes.put("nul", "a\u0000b");
        attributes.put("bell", "a\u0007b");
        attributes.put("missing", null);
        assertEquals(List.of(
                new FieldError("controllerAttributes.bad key", "a key is 1 to 64 letters, digits, '.', '-' or '_'"),
                new FieldError("controllerAttributes.", "a key is 1 to 64 letters, digits, '.', '-' or '_'"),
                new FieldError("controllerAttributes." + "k".repeat(64) + "...",
                        "a key is 1 to 64 letters, digits, '.', '-' or '_'"),
                new FieldError("controllerAttributes.long", "must be at most 16384 characters"),
                new FieldError("controllerAttributes.nul", "must not contain NUL characters"),
                new FieldError("controllerAttributes.bell",
                        "must not contain control characters other than tab and line breaks"),
                new FieldError("controllerAttributes.missing", "must be a string")), problems(attributes));
    }

    @Test
    void aKeyWithControlCharactersIsNamedEscaped() {
        assertEquals(List.of(new FieldError("controllerAttributes.a\\nb",
                "a key is 1 to 64 letters, digits, '.', '-' or '_'")), problems(Map.of("a\nb", "x")));
    }

    @Test
    void atMost32Attributes() {
        Map<String, String> attributes = new TreeMap<>();
        for (int i = 0; i < 33; i++) {
            attributes.put("a" + i, "v");
        }
        assertEquals(List.of(new FieldError("controllerAttributes", "must have at most 32 attributes")),
                problems(attributes));
        attributes.put("a0", "");
        assertEquals(List.of(), problems(attributes), "an empty value sets nothing");
    }

    @Test
    void jsonTypesAreStrict() {
        String body = "{\"name\":\"vc\",\"controllerAttributes\":{\"northbound\":%s}}";
        for (String value : List.of("6641", "1.5", "true", "{\"a\":\"b\"}", "[\"a\"]")) {
            assertEquals(new FieldError("controllerAttributes.northbound", "must be a string"),
                    jsonError(String.format(body, value)), value);
        }
        assertEquals(new FieldError("controllerAttributes", "must be an object"),
                jsonError("{\"controllerAttributes\":\"northbound=x\"}"));
        assertEquals(new FieldError("controllerAttributes.clientKey", "must not contain NUL characters"),
                jsonError("{\"controllerAttributes\":{\"clientKey\":\"a\\u0000\"}}"));
    }

    @Test
    void aReadConnectorCanBeSentBack() throws Exception {
        VirtualizationConnectorBody body = JSON.readValue("{\"id\":3,\"name\":\"vc\",\"controllerAttributes\":"
                + "{\"northbound\":\"tcp:127.0.0.1:6641\"},\"controllerSecretsSet\":[\"clientKey\"]}",
                VirtualizationConnectorBody.class);
        assertEquals(Map.of("northbound", "tcp:127.0.0.1:6641"), body.controllerAttributes());
        assertEquals(null, body.controllerSecretsSet(), "read-only: ignored on input");
    }

    @Test
    void anUpdateReplacesPlainAttributesAndKeepsSecretsLeftOut() {
        ControllerAttributes stored = ControllerAttributes.create(Map.of("northbound", "tcp:a:1", "zone", "z1",
                "clientKey", "KEY-1", "adminPassword", "PW-1"));
        assertEquals(Map.of("northbound", "tcp:a:1", "zone", "z1"), stored.plain());
        assertEquals(List.of("adminPassword", "clientKey"), stored.secretNames());

        assertEquals(stored, stored.updatedBy(null), "no controllerAttributes: everything kept");

        ControllerAttributes next = stored.updatedBy(Map.of("northbound", "tcp:b:2", "clientKey", "KEY-2",
                "adminPassword", ""));
        assertEquals(Map.of("northbound", "tcp:b:2"), next.plain(), "zone left out: removed");
        assertEquals(Map.of("clientKey", "KEY-2"), next.secrets(), "an empty string removes a secret");
        assertEquals(Map.of("northbound", "tcp:b:2", "clientKey", "KEY-2"), next.all());

        ControllerAttributes kept = stored.updatedBy(Map.of());
        assertEquals(Map.of(), kept.plain());
        assertEquals(stored.secrets(), kept.secrets(), "secrets left out are kept");
    }

    @Test
    void secretsNeverShowInText() {
        ControllerAttributes attributes = ControllerAttributes.create(Map.of("clientKey", "PRIVATE", "a", "b"));
        assertFalse(attributes.toString().contains("PRIVATE"), attributes.toString());
        VirtualizationConnectorBody body = new VirtualizationConnectorBody(null, "vc", null, "S", "KUBECONFIG", null,
                null, "TOKEN", null, null, null, null, null, null).withControllerAttributes(
                        Map.of("clientKey", "PRIVATE"));
        assertFalse(body.toString().matches("(?s).*(PRIVATE|KUBECONFIG|TOKEN).*"), body.toString());
    }

    @Test
    void theReasonOfAPluginIsShownWithoutClassNamesOrLines() {
        assertEquals("northbound: connection refused", ControllerCheck.reason("northbound: connection refused", "x"));
        assertEquals("northbound: Connection refused", ControllerCheck.reason(
                "northbound: java.net.ConnectException: Connection refused\n\tat java.base/sun.nio.ch.Net.connect",
                "x"));
        assertEquals("fallback", ControllerCheck.reason("java.lang.IllegalStateException", "fallback"));
        assertEquals("fallback", ControllerCheck.reason(null, "fallback"));
        assertEquals("a b", ControllerCheck.reason("a\u0007b", "x"));
        assertEquals("r".repeat(512) + "...", ControllerCheck.reason("r".repeat(600), "x"));
    }

    private static List<FieldError> problems(Map<String, String> attributes) {
        Checks checks = Checks.start();
        ControllerAttributes.validate(checks, attributes);
        try {
            checks.done();
            return List.of();
        } catch (ValidationException e) {
            return e.errors();
        }
    }

    private static FieldError jsonError(String json) {
        return JsonErrors.of("", assertThrows(JsonMappingException.class,
                () -> JSON.readValue(json, VirtualizationConnectorBody.class)));
    }
}
