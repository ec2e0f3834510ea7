package org.osc.server.sg;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osc.sdn.api.element.FailurePolicy;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.persistence.Database;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.LastJob;
import org.osc.server.reconcile.ReconcileService;
import org.osc.server.summary.LastJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A security group's bindings to virtual systems. Replacing the set keeps, per virtual system, the binding
 * already there (updated), adds the new ones and marks the rest for deletion; then the group's reconcile
 * applies the policy mappings and inspection hooks, and removes those of the bindings that went.
 */
@Component(service = BindingService.class)
public class BindingService {

    private final Database database;
    private final PluginAccess plugins;
    private final BindingValidator validator;
    private final ReconcileService reconcile;

    /** A service over the database, checking plugins in the registry, reconciling through the service. */
    @Activate
    public BindingService(@Reference Database database, @Reference PluginRegistry plugins,
            @Reference ReconcileService reconcile) {
        this.database = database;
        this.plugins = new PluginAccess(plugins);
        this.validator = new BindingValidator(this.plugins);
        this.reconcile = reconcile;
    }

    /** @return the group's bindings, by id, including those still being removed */
    public List<BindingBody> list(long vcId, long sgId) {
        return database.read(s -> {
            SecurityGroup sg = SecurityGroupService.find(s, vcId, sgId);
            // A binding is reconciled by its group's jobs: its retry is the group's.
            Optional<Instant> retry = reconcile.nextRetry(ObjectType.SECURITY_GROUP, sgId);
            Map<Long, LastJob> last = LastJobs.of(s, ObjectType.SECURITY_GROUP_INTERFACE,
                    sg.getBindings().stream().map(SecurityGroupInterface::getId).toList(), id -> retry);
            return sg.getBindings().stream().map(b -> view(b, last.get(b.getId()))).toList();
        });
    }

    /**
     * Validates and stores the group's new set of bindings, then reconciles the group.
     *
     * @return the job id
     */
    public long replace(long vcId, long sgId, List<BindingBody> bindings) {
        validator.fields(bindings);
        List<BindingValidator.Target> targets = database.inTransaction(s -> {
            SecurityGroup sg = SecurityGroupService.findLive(s, vcId, sgId);
            plugins.requirePortGroups(sg.getVirtualizationConnector());
            return validator.targets(s, sg, bindings);
        });
        // Outside the transaction: it may ask the manager for the domain's policies.
        validator.policies(bindings, targets);
        database.run(s -> {
            SecurityGroup sg = SecurityGroupService.findLive(s, vcId, sgId);
            Map<Long, BindingBody> wanted = new HashMap<>();
            bindings.forEach(b -> wanted.put(b.virtualSystemId(), b));
            for (SecurityGroupInterface existing : sg.getBindings()) {
                BindingBody body = wanted.remove(existing.getVirtualSystem().getId());
                if (body == null) {
                    existing.markForDeletion();
                } else if (existing.isMarkedForDeletion()) {
                    // A request that removed it committed since the checks: this set cannot be stored whole, and
                    // answering 200 for it would say it is the group's set while the binding goes.
                    throw BindingValidator.stillBeingRemoved(bindings.indexOf(body), body.virtualSystemId());
                } else {
                    apply(existing, body);
                }
            }
            for (BindingBody body : bindings) {
                if (wanted.containsKey(body.virtualSystemId())) {
                    SecurityGroupInterface binding = new SecurityGroupInterface();
                    binding.setSecurityGroup(sg);
                    binding.setVirtualSystem(s.find(VirtualSystem.class, body.virtualSystemId()));
                    apply(binding, body);
                    sg.getBindings().add(binding);
                }
            }
        });
        return reconcile.reconcile(ObjectType.SECURITY_GROUP, sgId);
    }

    private static void apply(SecurityGroupInterface binding, BindingBody body) {
        binding.setName(body.name().trim());
        binding.setChainOrder(body.order() == null ? 0 : body.order());
        FailurePolicy policy = BindingValidator.failurePolicy(body.failurePolicyType());
        binding.setFailurePolicyType((policy == null ? FailurePolicy.NA : policy).name());
        if (!binding.getPolicyIds().equals(body.policyIds())) {
            binding.getPolicyIds().clear();
            binding.getPolicyIds().addAll(body.policyIds());
        }
    }

    private static BindingBody view(SecurityGroupInterface b, LastJob last) {
        return new BindingBody(b.getId(), b.getVirtualSystem().getId(), b.getName(), List.copyOf(b.getPolicyIds()),
                b.getChainOrder(), b.getFailurePolicyType(), b.getManagerInterfaceId(), b.getInspectionHookId(),
                b.isMarkedForDeletion(), last.lastJobId(), last.lastJobState(), last.lastJobStatus(),
                last.nextRetryAt());
    }
}
