package org.osc.sample.manager;

import java.util.List;

import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;

/** The sample's domains and policies: seeded on first start, read-only through the SPI. */
final class SampleDomainApi implements ManagerDomainApi {

    private final SampleRepository repository;

    SampleDomainApi(SampleRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<DomainElement> listDomains() throws ManagerException {
        return repository.read("listDomains", inventory -> List.copyOf(inventory.domains.values()));
    }

    @Override
    public List<PolicyElement> listPolicies(String domainId) throws ManagerException {
        return repository.read("listPolicies", inventory -> {
            inventory.domain(domainId);
            return inventory.policiesOf(domainId);
        });
    }
}
