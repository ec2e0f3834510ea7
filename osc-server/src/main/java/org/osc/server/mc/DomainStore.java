package org.osc.server.mc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hibernate.Session;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.ManagerDomain;
import org.osc.server.domain.ManagerPolicy;
import org.osc.server.reconcile.TerminalException;

/**
 * Makes a connector's domain and policy rows match what the manager returned: adds, renames and removes, and
 * leaves unchanged rows alone (so their ids stay stable and a repeated read writes nothing).
 */
final class DomainStore {

    /**
     * What one read changed.
     *
     * @param domains domain rows added, renamed or removed
     * @param policies policy rows added, renamed or removed
     */
    record Changes(int domains, int policies) {
    }

    private DomainStore() {
    }

    /**
     * Replaces the connector's domains with those read.
     *
     * @param read the manager's domains by id, each with its policies
     * @throws IllegalStateException when the connector was deleted meanwhile
     */
    static Changes replace(Session session, long connectorId, Map<String, Read> read) {
        ManagerConnector connector = session.find(ManagerConnector.class, connectorId);
        if (connector == null) {
            throw new TerminalException("Manager connector " + connectorId + " no longer exists");
        }
        Map<String, ManagerDomain> current = new HashMap<>();
        session.createSelectionQuery("from ManagerDomain d where d.managerConnector = :mc", ManagerDomain.class)
                .setParameter("mc", connector).getResultList().forEach(d -> current.put(d.getDomainId(), d));
        int domains = 0;
        int policies = 0;
        for (Read wanted : read.values()) {
            ManagerDomain domain = current.remove(wanted.domain().id());
            if (domain == null) {
                domain = new ManagerDomain();
                domain.setManagerConnector(connector);
                domain.setDomainId(wanted.domain().id());
                domain.setName(wanted.domain().name());
                session.persist(domain);
                domains++;
            } else if (!Objects.equals(domain.getName(), wanted.domain().name())) {
                domain.setName(wanted.domain().name());
                domains++;
            }
            policies += replacePolicies(domain, wanted.policies());
        }
        for (ManagerDomain gone : current.values()) {
            policies += gone.getPolicies().size();
            session.remove(gone);
            domains++;
        }
        return new Changes(domains, policies);
    }

    private static int replacePolicies(ManagerDomain domain, List<PolicyElement> read) {
        Map<String, ManagerPolicy> current = new HashMap<>();
        domain.getPolicies().forEach(p -> current.put(p.getPolicyId(), p));
        int changes = 0;
        for (PolicyElement wanted : read) {
            ManagerPolicy policy = current.remove(wanted.id());
            if (policy == null) {
                policy = new ManagerPolicy();
                policy.setDomain(domain);
                policy.setPolicyId(wanted.id());
                policy.setName(wanted.name());
                domain.getPolicies().add(policy);
                changes++;
            } else if (!Objects.equals(policy.getName(), wanted.name())) {
                policy.setName(wanted.name());
                changes++;
            }
        }
        // Orphan removal deletes the rows of policies the manager no longer has.
        domain.getPolicies().removeAll(current.values());
        return changes + current.size();
    }

    /**
     * One domain as read from the manager.
     *
     * @param domain the domain
     * @param policies its policies, without duplicate ids
     */
    record Read(DomainElement domain, List<PolicyElement> policies) {
    }
}
