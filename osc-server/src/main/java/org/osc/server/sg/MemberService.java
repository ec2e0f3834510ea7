package org.osc.server.sg;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osc.platform.api.LabelSelector;
import org.osc.server.domain.Columns;
import org.osc.server.domain.Limits;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.error.Checks;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.sg.ProtectedPodStore.ProtectedPod;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A security group's label members (what an administrator sets) and the pods they resolve to (what the
 * group's last reconcile found). Replacing the members starts the group's reconcile.
 */
@Component(service = MemberService.class)
public class MemberService {

    private final Database database;
    private final ReconcileService reconcile;

    /** A service over the database, reconciling through the service. */
    @Activate
    public MemberService(@Reference Database database, @Reference ReconcileService reconcile) {
        this.database = database;
        this.reconcile = reconcile;
    }

    /** @return the label members, by id */
    public List<MemberBody> members(long vcId, long sgId) {
        return database.read(s -> SecurityGroupService.find(s, vcId, sgId).getMembers().stream()
                .map(m -> new MemberBody(m.getName(), m.getType(), m.getLabel())).toList());
    }

    /** @return the pods the group protects, by namespace and name, with their ports and inspecting hook */
    public List<ProtectedPodBody> pods(long vcId, long sgId) {
        return database.read(s -> {
            SecurityGroup sg = SecurityGroupService.find(s, vcId, sgId);
            // Hooks inspect the whole port group, so every port in it has the same first hook.
            String hook = sg.getBindings().stream().filter(b -> b.getInspectionHookId() != null)
                    .min(Comparator.comparingInt(SecurityGroupInterface::getChainOrder)
                            .thenComparing(SecurityGroupInterface::getId))
                    .map(SecurityGroupInterface::getInspectionHookId).orElse(null);
            return ProtectedPodStore.read(s, sgId).stream().map(p -> view(p, hook)).toList();
        });
    }

    /**
     * Replaces the group's label members (matched by name: a kept name keeps its row), then reconciles it.
     *
     * @return the job id
     */
    public long replace(long vcId, long sgId, List<MemberBody> members) {
        validate(members);
        database.run(s -> {
            SecurityGroup sg = SecurityGroupService.findLive(s, vcId, sgId);
            Map<String, MemberBody> wanted = new HashMap<>();
            members.forEach(m -> wanted.put(m.name().trim(), m));
            // Removed and changed before added: a name is unique in a group, and rows are matched by it.
            sg.getMembers().removeIf(m -> !wanted.containsKey(m.getName()));
            for (SecurityGroupMember member : sg.getMembers()) {
                String label = canonical(wanted.remove(member.getName()).label());
                if (!Objects.equals(member.getLabel(), label)) {
                    member.setLabel(label);
                }
            }
            for (MemberBody body : members) {
                if (wanted.containsKey(body.name().trim())) {
                    SecurityGroupMember member = new SecurityGroupMember();
                    member.setSecurityGroup(sg);
                    member.setName(body.name().trim());
                    member.setType(MemberBody.LABEL);
                    member.setLabel(canonical(body.label()));
                    sg.getMembers().add(member);
                }
            }
        });
        return reconcile.reconcile(ObjectType.SECURITY_GROUP, sgId);
    }

    private static void validate(List<MemberBody> members) {
        if (members == null) {
            Checks.start().fail("members", "are required (an empty list removes them all)").done();
        }
        Checks.start().size("members", members, Limits.MAX_MEMBERS).done();
        Checks checks = Checks.start();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            MemberBody member = members.get(i);
            String field = "members[" + i + "]";
            if (member == null) {
                checks.fail(field, "is required");
                continue;
            }
            checks.text(field + ".name", member.name(), Columns.NAME);
            if (member.name() != null && !member.name().isBlank() && !names.add(member.name().trim())) {
                checks.fail(field + ".name", "'" + member.name().trim() + "' is used by another member");
            }
            checks.require(member.type() == null || MemberBody.LABEL.equals(member.type()), field + ".type",
                    "must be LABEL");
            try {
                LabelSelector.parse(member.label());
                checks.require(member.label().trim().length() <= Columns.LABEL, field + ".label",
                        "must be at most " + Columns.LABEL + " characters");
            } catch (IllegalArgumentException e) {
                checks.fail(field + ".label", e.getMessage());
            }
        }
        checks.done();
    }

    /** @return the label as {@code key=value} without the spaces a user may have typed around the '=' */
    private static String canonical(String label) {
        return LabelSelector.parse(label).toString();
    }

    private static ProtectedPodBody view(ProtectedPod pod, String hook) {
        List<ProtectedPodBody.Port> ports = pod.portId() == null ? List.of()
                : List.of(new ProtectedPodBody.Port(pod.portId(), pod.macAddress(), pod.ipAddresses(), hook));
        return new ProtectedPodBody(pod.name(), pod.namespace(), pod.uid(), ports);
    }
}
