package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.error.ConflictException;
import org.osc.server.error.FieldError;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.error.ValidationException;

/** What the group and member services refuse, and with which status. */
class SecurityGroupValidationTest {

    @TempDir
    Path dir;

    private SgFixture fx;
    private long vc;

    @BeforeEach
    void setUp() {
        fx = new SgFixture(dir);
        vc = fx.connector("k8s", SgFixture.SDN);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void nameAndNamespacesAreChecked() {
        ValidationException e = assertThrows(ValidationException.class, () -> fx.groups.create(vc,
                SecurityGroupBody.of(" ", false, List.of("ok", "Bad_NS", "ok", "-x", "a".repeat(64)))));
        assertEquals(List.of("name", "namespaces[1]", "namespaces[2]", "namespaces[3]", "namespaces[4]"),
                fields(e));
        assertThrows(ValidationException.class, () -> fx.groups.create(vc, null));
        assertThrows(ValidationException.class, () -> fx.groups.create(vc, SecurityGroupBody.of("x".repeat(256),
                null, null)));
    }

    @Test
    void namespacesAndMembersAreBounded() {
        List<String> many = IntStream.range(0, 10_000).mapToObj(i -> "ns-" + i).toList();
        assertEquals(List.of("namespaces"), fields(assertThrows(ValidationException.class,
                () -> fx.groups.create(vc, SecurityGroupBody.of("web", false, many)))));
        long sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, null)).id();
        List<MemberBody> members = IntStream.range(0, 1001)
                .mapToObj(i -> new MemberBody("m" + i, null, "app=x")).toList();
        assertEquals(List.of("members"), fields(assertThrows(ValidationException.class,
                () -> fx.members.replace(vc, sg, members))));
    }

    @Test
    void membersAreCheckedWithKubernetesLabelRules() throws Exception {
        long sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, List.of())).id();
        ValidationException e = assertThrows(ValidationException.class, () -> fx.members.replace(vc, sg, List.of(
                new MemberBody("a", "LABEL", "app=web"),
                new MemberBody("a", null, "tier=front"),
                new MemberBody("b", "IP", "app=db"),
                new MemberBody("c", null, "app"),
                new MemberBody("d", null, "-app=web"),
                new MemberBody("e", null, "app=" + "v".repeat(64)),
                new MemberBody(" ", null, "example.com/app=web"))));
        assertEquals(List.of("members[1].name", "members[2].type", "members[3].label", "members[4].label",
                "members[5].label", "members[6].name"), fields(e));
        assertThrows(ValidationException.class, () -> fx.members.replace(vc, sg, null));
        // A prefixed key and an empty value are valid label syntax.
        fx.await(fx.members.replace(vc, sg, List.of(new MemberBody("p", null, "example.com/app = web"),
                new MemberBody("q", "LABEL", "canary="))));
        assertEquals(List.of(new MemberBody("p", "LABEL", "example.com/app=web"), new MemberBody("q", "LABEL",
                "canary=")), fx.members.members(vc, sg));
    }

    @Test
    void unknownIdsAre404() throws Exception {
        assertThrows(NotFoundException.class, () -> fx.groups.list(999));
        assertThrows(NotFoundException.class, () -> fx.groups.create(999, SecurityGroupBody.of("web", false, null)));
        long sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, null)).id();
        long other = fx.connector("other", SgFixture.SDN);
        // A group is only found under its own connector.
        assertThrows(NotFoundException.class, () -> fx.groups.get(other, sg));
        assertThrows(NotFoundException.class, () -> fx.groups.get(vc, 999));
        assertThrows(NotFoundException.class, () -> fx.members.pods(vc, 999));
        assertThrows(NotFoundException.class, () -> fx.bindings.list(vc, 999));
        assertThrows(NotFoundException.class, () -> fx.groups.delete(other, sg));
        assertThrows(NotFoundException.class, () -> fx.groups.sync(vc, 999));
    }

    @Test
    void duplicateNamesAndGroupsBeingDeletedAre409() throws Exception {
        SecurityGroupService.Created created = fx.groups.create(vc, SecurityGroupBody.of("web", false, null));
        long web = created.id();
        long db = fx.groups.create(vc, SecurityGroupBody.of("db", false, null)).id();
        // A write racing the group's own reconcile may lose the optimistic lock (REST answers 409 "retry").
        fx.await(created.jobId());
        assertThrows(ConflictException.class, () -> fx.groups.create(vc, SecurityGroupBody.of(" web ", true, null)));
        assertThrows(ConflictException.class, () -> fx.groups.update(vc, db, SecurityGroupBody.of("web", false, null)));
        // The same name on another connector is fine.
        long other = fx.connector("other", SgFixture.SDN);
        fx.groups.create(other, SecurityGroupBody.of("web", false, null));

        // While the controller is down the deletion cannot finish, and the group stays marked.
        fx.sdn.setReachable(false);
        assertEquals("FAILED", fx.await(fx.groups.delete(vc, web)).status().name());
        assertThrows(ConflictException.class, () -> fx.members.replace(vc, web, List.of()));
        assertThrows(ConflictException.class,
                () -> fx.groups.update(vc, web, SecurityGroupBody.of("web", false, null)));
        assertThrows(ConflictException.class, () -> fx.bindings.replace(vc, web, List.of()));
    }

    @Test
    void sdnPluginWithoutPortGroupsOrMissingIs422() {
        TestPlugins.sdn(fx.plugins, "FlatSdn", fx.sdn, false, false);
        long flat = fx.connector("flat", "FlatSdn");
        UnprocessableException e = assertThrows(UnprocessableException.class,
                () -> fx.groups.create(flat, SecurityGroupBody.of("web", false, null)));
        assertTrue(e.getMessage().contains("does not support port groups"), e.getMessage());
        long gone = fx.connector("gone", "NoSuchSdn");
        e = assertThrows(UnprocessableException.class,
                () -> fx.groups.create(gone, SecurityGroupBody.of("web", false, null)));
        assertTrue(e.getMessage().contains("'NoSuchSdn' of virtualization connector 'gone' is not installed"),
                e.getMessage());
    }

    static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }
}
