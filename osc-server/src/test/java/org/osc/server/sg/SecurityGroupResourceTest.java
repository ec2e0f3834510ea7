package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.error.ValidationException;
import org.osc.server.rest.JsonSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.Response;

/** The resource's statuses, locations and bodies, called directly (no HTTP). */
class SecurityGroupResourceTest {

    private static final ObjectMapper JSON = JsonSupport.mapper();

    @TempDir
    Path dir;

    private SgFixture fx;
    private SecurityGroupResource resource;
    private long vc;

    @BeforeEach
    void setUp() {
        fx = new SgFixture(dir);
        resource = new SecurityGroupResource(fx.groups, fx.members, fx.bindings);
        vc = fx.connector("k8s", SgFixture.SDN);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    // The methods answering a Response (create 201, delete 202, force 204, sync 202) need a JAX-RS runtime
    // (RuntimeDelegate), which this module's tests do not have; they are covered in the runtime tests.
    @Test
    void setsCanBeSentBackAsTheyWereRead() throws Exception {
        long id = fx.groups.create(vc, SecurityGroupBody.of("web", false, null)).id();
        Map<String, Long> asArray = resource.replaceMembers(vc, id,
                JSON.readTree("[{\"name\":\"web\",\"label\":\"app=web\"}]"));
        assertEquals(id, asArray.get("id"));
        fx.await(asArray.get("jobId"));
        Map<String, Long> asItems = resource.replaceMembers(vc, id,
                JSON.readTree("{\"items\":[{\"name\":\"web\",\"type\":\"LABEL\",\"label\":\"app=web\"}]}"));
        fx.await(asItems.get("jobId"));
        assertEquals(List.of(new MemberBody("web", "LABEL", "app=web")), resource.get(vc, id).members());
        assertEquals(1, resource.list(vc).get("items").size());
        assertEquals(List.of(), resource.pods(vc, id).get("items"));
        assertEquals(List.of(), resource.bindings(vc, id).get("items"));
        Map<String, Long> updated = resource.update(vc, id, SecurityGroupBody.of("web2", true, null));
        fx.await(updated.get("jobId"));
        assertEquals("web2", resource.get(vc, id).name());
    }

    @Test
    void readOnlyFieldsAreAcceptedAndIgnoredOnInput() throws Exception {
        SecurityGroupBody body = JSON.readValue("{\"id\":7,\"name\":\"web\",\"portGroupId\":\"pg-9\","
                + "\"lastJobId\":3}", SecurityGroupBody.class);
        assertEquals(SecurityGroupBody.of("web", null, null), body);
    }

    @Test
    void replacedSetsMustBeArraysOfKnownFields() throws Exception {
        assertEquals(List.of(new MemberBody("a", null, "x=y")),
                SecurityGroupResource.items(JSON.readTree("[{\"name\":\"a\",\"label\":\"x=y\"}]"), MemberBody.class,
                        "members"));
        ValidationException e = assertThrows(ValidationException.class, () -> SecurityGroupResource.items(
                JSON.readTree("[{\"name\":\"a\",\"colour\":\"red\"}]"), MemberBody.class, "members"));
        assertEquals("members[0].colour: is not a known field", e.getMessage());
        e = assertThrows(ValidationException.class, () -> SecurityGroupResource.items(
                JSON.readTree("[{\"virtualSystemId\":\"many\"}]"), BindingBody.class, "bindings"));
        assertEquals("bindings[0].virtualSystemId: must be an integer", e.getMessage());
        assertThrows(ValidationException.class, () -> SecurityGroupResource.items(
                JSON.readTree("{\"members\":[]}"), MemberBody.class, "members"));
        assertThrows(ValidationException.class, () -> SecurityGroupResource.items(null, MemberBody.class, "members"));
    }

    @Test
    void replacedSetsHaveStrictTypesAndStorableStrings() {
        assertEquals("bindings[0].virtualSystemId: must be an integer", invalid("[{\"virtualSystemId\":\"3\"}]",
                BindingBody.class, "bindings"));
        assertEquals("bindings[1].virtualSystemId: must be an integer", invalid("[null,{\"virtualSystemId\":1.5}]",
                BindingBody.class, "bindings"));
        assertEquals("bindings[0].policyIds[1]: must not contain NUL characters", invalid(
                "[{\"policyIds\":[\"p\",\"a\\u0000b\"]}]", BindingBody.class, "bindings"));
        assertEquals("members[0].name: must be a string", invalid("[{\"name\":5}]", MemberBody.class, "members"));
        assertEquals("members[0].label: must not contain unpaired surrogate characters (invalid UTF-16)",
                invalid("[{\"label\":\"a=\\ud800\"}]", MemberBody.class, "members"));
    }

    private static String invalid(String json, Class<?> type, String field) {
        return assertThrows(ValidationException.class, () -> SecurityGroupResource.items(JSON.readTree(json), type,
                field)).getMessage();
    }
}
