package org.osc.api.manager.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.api.manager.ManagerValidationException;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupMemberElement;
import org.osc.api.manager.element.SecurityGroupSpec;

/** Contract part: security groups and their members; runs only when the plugin syncs security groups. */
public abstract class SecurityGroupContract extends DeviceContract {

    private static final SecurityGroupMemberElement WEB_1 = member("web-1", "10.1.0.11", "0a:58:0a:01:00:0b");
    private static final SecurityGroupMemberElement WEB_2 = member("web-2", "10.1.0.12", "0a:58:0a:01:00:0c");
    private static final SecurityGroupMemberElement DB_1 = new SecurityGroupMemberElement("db-1", "data",
            List.of("10.1.1.5", "fd00::105"), List.of("0a:58:0a:01:01:05"));


    @Test
    public void createSecurityGroup_roundTripsWithMembers() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_SECURITY_GROUP);
        SecurityGroupSpec spec = new SecurityGroupSpec(unique("group"), unique("sg"), List.of(WEB_1, DB_1));
        SecurityGroupElement group = groups().createSecurityGroup(spec);
        afterTest(() -> groups().deleteSecurityGroup(group.id()));

        assertEquals(spec.name(), group.name());
        assertEquals(spec.oscSecurityGroupId(), group.oscSecurityGroupId());
        assertEquals(new HashSet<>(spec.members()), new HashSet<>(group.members()));
        assertEquals(group, groups().getSecurityGroup(group.id()).orElseThrow());
        assertTrue(groups().listSecurityGroups().contains(group), "listed");
    }

    @Test
    public void createSecurityGroup_withExistingOscId_returnsExistingUnchanged() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_SECURITY_GROUP);
        SecurityGroupElement first = newGroup();
        SecurityGroupElement again = groups().createSecurityGroup(
                new SecurityGroupSpec("other-name", first.oscSecurityGroupId(), List.of(WEB_2)));

        assertEquals(first, again);
        assertEquals(1, groups().listSecurityGroups().stream()
                .filter(g -> g.oscSecurityGroupId().equals(first.oscSecurityGroupId())).count());
    }

    @Test
    public void updateSecurityGroup_replacesMembersAndIsRepeatable() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_SECURITY_GROUP);
        SecurityGroupElement group = newGroup();
        SecurityGroupSpec next = new SecurityGroupSpec(group.name(), group.oscSecurityGroupId(), List.of(WEB_2, DB_1));

        SecurityGroupElement updated = groups().updateSecurityGroup(group.id(), next);
        assertEquals(group.id(), updated.id());
        assertEquals(new HashSet<>(next.members()), new HashSet<>(updated.members()));
        assertEquals(updated, groups().updateSecurityGroup(group.id(), next));
        assertEquals(updated, groups().getSecurityGroup(group.id()).orElseThrow());

        SecurityGroupSpec empty = new SecurityGroupSpec(group.name(), group.oscSecurityGroupId(), List.of());
        assertEquals(List.of(), groups().updateSecurityGroup(group.id(), empty).members());
    }

    @Test
    public void updateSecurityGroup_unknownIsNotFound_andOscIdIsFixed() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_SECURITY_GROUP);
        SecurityGroupElement group = newGroup();
        assertThrows(ManagerObjectNotFoundException.class,
                () -> groups().updateSecurityGroup(unique("no-group"), group.toSpec()));
        assertThrows(ManagerValidationException.class, () -> groups().updateSecurityGroup(group.id(),
                new SecurityGroupSpec(group.name(), unique("other-sg"), group.members())));
    }

    @Test
    public void createSecurityGroup_rejectsInvalidInput() {
        assumeDeclares(ManagerPluginProperties.SYNC_SECURITY_GROUP);
        assertThrows(ManagerValidationException.class,
                () -> groups().createSecurityGroup(new SecurityGroupSpec("", unique("sg"), List.of())));
        assertThrows(ManagerValidationException.class, () -> groups().createSecurityGroup(new SecurityGroupSpec(
                unique("group"), unique("sg"), List.of(member("", "10.1.0.20", "0a:58:0a:01:00:14")))));
        assertThrows(ManagerValidationException.class, () -> groups().createSecurityGroup(new SecurityGroupSpec(
                unique("group"), unique("sg"), List.of(member("web-3", "10.1.0.300", "0a:58:0a:01:00:15")))));
        assertThrows(ManagerValidationException.class, () -> groups().createSecurityGroup(new SecurityGroupSpec(
                unique("group"), unique("sg"), List.of(member("web-3", "10.1.0.21", "not-a-mac")))));
        assertThrows(ManagerValidationException.class, () -> groups().createSecurityGroup(
                new SecurityGroupSpec(unique("group"), unique("sg"), List.of(WEB_1, WEB_1))));
    }

    @Test
    public void deleteSecurityGroup_removesItAndIsIdempotent() throws Exception {
        assumeDeclares(ManagerPluginProperties.SYNC_SECURITY_GROUP);
        SecurityGroupElement group = newGroup();
        groups().deleteSecurityGroup(group.id());

        assertTrue(groups().getSecurityGroup(group.id()).isEmpty());
        assertTrue(groups().listSecurityGroups().stream().noneMatch(g -> g.id().equals(group.id())));
        groups().deleteSecurityGroup(group.id());
        groups().deleteSecurityGroup(unique("never-existed"));
    }
}
