package org.osc.deploy.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a set of Kubernetes objects (what {@code kubectl apply -k} would send) against the hardening OSC's VNF
 * pods already have, and least privilege for RBAC: see {@link PodRules}, {@link RbacRules} and
 * {@link CoverageRules} for the rules. Each violation is one sentence that names the object.
 */
public final class Hardening {

    private Hardening() {
    }

    /**
     * @param objects the objects, as {@link Manifests} reads them
     * @return every violation found, empty when the objects pass
     */
    public static List<String> violations(List<ObjectNode> objects) {
        List<String> found = new ArrayList<>();
        List<Workload> workloads = Workload.of(objects);
        Set<String> bound = RbacRules.boundAccounts(objects);
        for (Workload workload : workloads) {
            PodRules.check(workload, bound, found::add);
        }
        RbacRules.check(objects, found::add);
        CoverageRules.check(objects, workloads, found::add);
        return found;
    }
}
