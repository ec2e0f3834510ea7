package org.osc.server.sg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.hibernate.Session;
import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.server.domain.Columns;
import org.osc.server.domain.Limits;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.ManagerDomain;
import org.osc.server.domain.ManagerPolicy;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.error.Checks;
import org.osc.server.error.ConflictException;
import org.osc.server.error.UnprocessableException;

/**
 * Checks a new set of bindings in three stages: the fields alone (400), then against the database and the
 * plugins' capabilities (400 for a virtual system that is not there, 409, 422), then the policies against
 * the virtual system's manager domain, outside any transaction because it may ask the manager.
 */
final class BindingValidator {

    /**
     * What the policy check needs of a binding's virtual system.
     *
     * @param storedPolicies the domain's policies as OSC stored them from the manager; empty when OSC has not
     *     stored that domain (then the manager is asked)
     */
    record Target(long virtualSystemId, String domainId, String managerName, String managerType,
            ManagerConnectorElement manager, Optional<Set<String>> storedPolicies) {
    }

    private final PluginAccess plugins;

    BindingValidator(PluginAccess plugins) {
        this.plugins = plugins;
    }

    /** The fields on their own: 400 naming every bad field. */
    void fields(List<BindingBody> bindings) {
        if (bindings == null) {
            Checks.start().fail("bindings", "are required (an empty list removes them all)").done();
        }
        Checks.start().size("bindings", bindings, Limits.MAX_BINDINGS).done();
        Checks checks = Checks.start();
        Set<Long> systems = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < bindings.size(); i++) {
            BindingBody b = bindings.get(i);
            String field = "bindings[" + i + "]";
            if (b == null) {
                checks.fail(field, "is required");
                continue;
            }
            checks.text(field + ".name", b.name(), Columns.NAME);
            if (b.name() != null && !b.name().isBlank() && !names.add(b.name().trim())) {
                checks.fail(field + ".name", "'" + b.name().trim() + "' is used by another binding");
            }
            if (b.virtualSystemId() == null) {
                checks.fail(field + ".virtualSystemId", "is required");
            } else if (!systems.add(b.virtualSystemId())) {
                checks.fail(field + ".virtualSystemId", "binds the group to virtual system " + b.virtualSystemId()
                        + " a second time");
            }
            if (b.order() != null) {
                checks.integer(field + ".order", b.order(), 0, Limits.MAX_ORDER);
            }
            checks.require(b.failurePolicyType() == null || failurePolicy(b.failurePolicyType()) != null,
                    field + ".failurePolicyType", "must be FAIL_OPEN, FAIL_CLOSE or NA");
            List<String> policies = b.policyIds() == null ? List.of() : b.policyIds();
            checks.require(!policies.isEmpty(), field + ".policyIds", "must name at least one policy");
            checks.size(field + ".policyIds", policies, Limits.MAX_POLICIES);
            for (int p = 0; p < policies.size() && p < Limits.MAX_POLICIES; p++) {
                checks.text(field + ".policyIds[" + p + "]", policies.get(p), Columns.NAME);
            }
            checks.require(new HashSet<>(policies).size() == policies.size(), field + ".policyIds",
                    "must not list a policy twice");
        }
        checks.done();
    }

    /**
     * Against the group, its connector's SDN plugin and the virtual systems, inside the caller's transaction.
     *
     * @return per binding, what the policy check needs
     */
    List<Target> targets(Session session, SecurityGroup sg, List<BindingBody> bindings) {
        String controller = sg.getVirtualizationConnector().getControllerType();
        if (bindings.size() > 1 && !plugins.can(controller, PluginAccess.SFC)) {
            throw new UnprocessableException("bindings", "SDN plugin '" + controller + "' cannot chain appliances, "
                    + "so a security group can have at most one binding");
        }
        for (int i = 0; i < bindings.size(); i++) {
            FailurePolicy policy = failurePolicy(bindings.get(i).failurePolicyType());
            if (policy != null && policy != FailurePolicy.NA && !plugins.can(controller, PluginAccess.FAILURE_POLICY)) {
                throw new UnprocessableException("bindings[" + i + "].failurePolicyType", "SDN plugin '" + controller
                        + "' does not support failure policies: use NA");
            }
        }
        Map<Long, SecurityGroupInterface> existing = sg.getBindings().stream()
                .collect(Collectors.toMap(b -> b.getVirtualSystem().getId(), b -> b));
        Checks checks = Checks.start();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
            long vsId = bindings.get(i).virtualSystemId();
            String field = "bindings[" + i + "].virtualSystemId";
            VirtualSystem vs = session.find(VirtualSystem.class, vsId);
            if (vs == null) {
                checks.fail(field, "virtual system " + vsId + " does not exist");
            } else if (!vs.getVirtualizationConnector().getId().equals(sg.getVirtualizationConnector().getId())) {
                checks.fail(field, "virtual system " + vsId + " is not on the group's virtualization connector");
            } else if (vs.isMarkedForDeletion() || vs.getDistributedAppliance().isMarkedForDeletion()) {
                throw new ConflictException(field, "Virtual system " + vsId + " is being deleted");
            } else if (existing.containsKey(vsId) && existing.get(vsId).isMarkedForDeletion()) {
                throw stillBeingRemoved(i, vsId);
            } else {
                targets.add(target(session, vs));
            }
        }
        checks.done();
        return targets;
    }

    /** @return the 409 for a binding whose virtual system's previous binding is still being removed */
    static ConflictException stillBeingRemoved(int index, long vsId) {
        return new ConflictException("bindings[" + index + "].virtualSystemId", "The previous binding to virtual "
                + "system " + vsId + " is still being removed; try again when the group's job has completed");
    }

    /** Each binding's policies exist in its virtual system's domain, and several only where the manager allows. */
    void policies(List<BindingBody> bindings, List<Target> targets) {
        Checks checks = Checks.start();
        for (int i = 0; i < bindings.size(); i++) {
            Target target = targets.get(i);
            List<String> wanted = bindings.get(i).policyIds();
            String field = "bindings[" + i + "].policyIds";
            if (wanted.size() > 1 && !plugins.can(target.managerType(), PluginAccess.MULTIPLE_POLICIES)) {
                throw new UnprocessableException(field, "Manager plugin '" + target.managerType()
                        + "' allows only one policy per binding");
            }
            Set<String> known = target.storedPolicies().orElseGet(() -> askManager(target, field));
            for (String policy : wanted) {
                checks.require(known.contains(policy), field, "policy '" + policy + "' is not in domain '"
                        + target.domainId() + "' of manager connector '" + target.managerName() + "'");
            }
        }
        checks.done();
    }

    /** @return the failure policy named, null when the name is none */
    static FailurePolicy failurePolicy(String name) {
        if (name == null) {
            return null;
        }
        try {
            return FailurePolicy.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Target target(Session session, VirtualSystem vs) {
        ManagerConnector mc = vs.getDistributedAppliance().getManagerConnector();
        List<ManagerDomain> domains = session.createSelectionQuery(
                "from ManagerDomain d where d.managerConnector = :mc and d.domainId = :d", ManagerDomain.class)
                .setParameter("mc", mc).setParameter("d", vs.getDomainId()).getResultList();
        Optional<Set<String>> stored = domains.stream().findFirst().map(d -> d.getPolicies().stream()
                .map(ManagerPolicy::getPolicyId).collect(Collectors.toSet()));
        return new Target(vs.getId(), vs.getDomainId(), mc.getName(), mc.getManagerType(), PluginAccess.element(mc),
                stored);
    }

    private Set<String> askManager(Target target, String field) {
        if (!plugins.present(target.managerType())) {
            throw new UnprocessableException(field, "Manager plugin '" + target.managerType()
                    + "' of manager connector '" + target.managerName() + "' is not installed");
        }
        try (ManagerDomainApi domains = plugins.manager(target.managerName(), target.managerType())
                .createDomainApi(target.manager())) {
            return domains.listPolicies(target.domainId()).stream().map(PolicyElement::id).collect(Collectors.toSet());
        } catch (ManagerException e) {
            throw new UnprocessableException(field, "Cannot read the policies of domain '" + target.domainId()
                    + "' from manager connector '" + target.managerName() + "': " + e.getMessage());
        }
    }
}
