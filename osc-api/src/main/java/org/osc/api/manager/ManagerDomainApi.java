package org.osc.api.manager;

import java.util.List;

import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads the manager's domains and the policies defined in each. OSC shows them to the administrator, who
 * picks a domain per virtual system and policies per binding. Every method is read-only and therefore
 * idempotent. Obtained from {@link ApplianceManagerApi#createDomainApi}.
 */
@ConsumerType
public interface ManagerDomainApi extends AutoCloseable {

    /**
     * Lists the domains the connector's account can see.
     *
     * @return the domains, possibly empty, never {@code null}
     * @throws ManagerAuthenticationException the manager refused the credentials
     * @throws ManagerUnreachableException the manager could not be reached
     * @throws ManagerException any other failure
     */
    List<DomainElement> listDomains() throws ManagerException;

    /**
     * Lists the policies of one domain.
     *
     * @param domainId manager-side id of the domain
     * @return the domain's policies, possibly empty, never {@code null}
     * @throws ManagerObjectNotFoundException the domain does not exist
     * @throws ManagerAuthenticationException the manager refused the credentials
     * @throws ManagerUnreachableException the manager could not be reached
     * @throws ManagerException any other failure
     */
    List<PolicyElement> listPolicies(String domainId) throws ManagerException;

    /**
     * Releases whatever the sub-API holds (sessions, connections). Idempotent; the default does nothing.
     */
    @Override
    default void close() {
    }
}
