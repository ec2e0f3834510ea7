package org.osc.api.manager.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.AuthenticationType;
import org.osc.api.manager.ManagerAuthenticationException;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.api.manager.ManagerUnreachableException;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.PolicyElement;

/** Contract part: service properties, connection errors, domains and policies. */
public abstract class ConnectionContract extends ManagerContractBase {

    @Test
    public void serviceProperties_nameThePluginAndItsAuthentication() {
        Object name = serviceProperties().get(ManagerPluginProperties.PLUGIN_NAME);
        assertInstanceOf(String.class, name, ManagerPluginProperties.PLUGIN_NAME);
        assertFalse(((String) name).isBlank(), ManagerPluginProperties.PLUGIN_NAME);
        String auth = String.valueOf(serviceProperties().get(ManagerPluginProperties.AUTHENTICATION_TYPE));
        assertDoesNotThrow(() -> AuthenticationType.valueOf(auth), ManagerPluginProperties.AUTHENTICATION_TYPE);
        if (declares(ManagerPluginProperties.SYNC_POLICY_MAPPING)) {
            assertTrue(declares(ManagerPluginProperties.SYNC_SECURITY_GROUP),
                    "a policy mapping references a security group, so mapping sync needs group sync");
        }
    }

    @Test
    public void checkConnection_acceptsValidConnector() {
        assertDoesNotThrow(() -> manager.checkConnection(validConnector()));
    }

    @Test
    public void checkConnection_isRepeatable() {
        assertDoesNotThrow(() -> manager.checkConnection(validConnector()));
        assertDoesNotThrow(() -> manager.checkConnection(validConnector()));
    }

    @Test
    public void checkConnection_rejectsBadCredentials() {
        assertThrows(ManagerAuthenticationException.class, () -> manager.checkConnection(badCredentialsConnector()));
    }

    @Test
    public void checkConnection_reportsUnreachableManager() {
        assertThrows(ManagerUnreachableException.class, () -> manager.checkConnection(unreachableConnector()));
    }

    @Test
    public void subApis_rejectBadCredentials() {
        assertThrows(ManagerAuthenticationException.class,
                () -> manager.createDomainApi(badCredentialsConnector()).listDomains());
        assertThrows(ManagerAuthenticationException.class,
                () -> manager.createDeviceApi(badCredentialsConnector()).listDevices());
    }

    @Test
    public void subApis_reportUnreachableManager() {
        assertThrows(ManagerUnreachableException.class,
                () -> manager.createDomainApi(unreachableConnector()).listDomains());
        assertThrows(ManagerUnreachableException.class,
                () -> manager.createDeviceApi(unreachableConnector()).listDevices());
    }

    @Test
    public void listDomains_returnsDomainsWithUniqueIds() throws Exception {
        List<DomainElement> all = domains().listDomains();
        assertFalse(all.isEmpty(), "a manager has at least one domain");
        Set<String> ids = new HashSet<>();
        all.forEach(domain -> assertTrue(ids.add(domain.id()), "duplicate domain id " + domain.id()));
    }

    @Test
    public void listPolicies_returnsPoliciesOfThatDomain() throws Exception {
        DomainElement domain = domainWithPolicies();
        List<PolicyElement> policies = policiesOf(domain);
        Set<String> ids = new HashSet<>();
        for (PolicyElement policy : policies) {
            assertEquals(domain.id(), policy.domainId(), "domain of " + policy);
            assertTrue(ids.add(policy.id()), "duplicate policy id " + policy.id());
        }
        assertEquals(policies, domains().listPolicies(domain.id()), "listing is stable");
    }

    @Test
    public void listPolicies_ofUnknownDomain_isNotFound() {
        assertThrows(ManagerObjectNotFoundException.class, () -> domains().listPolicies(unique("no-such-domain")));
    }
}
