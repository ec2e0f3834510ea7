package org.osc.server.mc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.api.manager.element.PolicyElement;

/**
 * A manager whose domains and policies a test changes between reads (the sample's are fixed). Holds no
 * devices: asking for them fails, as a manager without that API would.
 */
final class FakeDomainManager implements ApplianceManagerApi {

    final Map<DomainElement, List<PolicyElement>> domains = new LinkedHashMap<>();

    @Override
    public void checkConnection(ManagerConnectorElement connector) {
    }

    @Override
    public ManagerDomainApi createDomainApi(ManagerConnectorElement connector) {
        Map<DomainElement, List<PolicyElement>> copy = new LinkedHashMap<>();
        domains.forEach((d, p) -> copy.put(d, new ArrayList<>(p)));
        return new ManagerDomainApi() {
            @Override
            public List<DomainElement> listDomains() {
                return List.copyOf(copy.keySet());
            }

            @Override
            public List<PolicyElement> listPolicies(String domainId) throws ManagerException {
                return copy.entrySet().stream().filter(e -> e.getKey().id().equals(domainId)).findFirst()
                        .map(Map.Entry::getValue)
                        .orElseThrow(() -> new ManagerObjectNotFoundException("domain", domainId));
            }
        };
    }

    @Override
    public ManagerDeviceApi createDeviceApi(ManagerConnectorElement connector) throws ManagerException {
        throw new ManagerException("this test manager keeps no devices");
    }
}
