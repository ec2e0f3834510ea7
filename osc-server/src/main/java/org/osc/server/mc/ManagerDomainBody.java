package org.osc.server.mc;

import java.util.List;

/**
 * A domain of a manager connector with its policies, as last read from the manager. Ids are the manager's
 * own: a virtual system names its domain by {@code id}, a binding its policies by {@code policies[].id}.
 *
 * @param id the manager-side domain id
 * @param name its name
 * @param policies its policies, by name
 */
public record ManagerDomainBody(String id, String name, List<Policy> policies) {

    /**
     * A policy of the domain.
     *
     * @param id the manager-side policy id
     * @param name its name
     */
    public record Policy(String id, String name) {
    }
}
