package org.osc.api.manager.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.api.manager.ManagerDomainApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerSecurityGroupApi;
import org.osc.api.manager.ManagerSecurityGroupInterfaceApi;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceSpec;
import org.osc.api.manager.element.DomainElement;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.api.manager.element.PolicyElement;
import org.osc.api.manager.element.SecurityGroupElement;
import org.osc.api.manager.element.SecurityGroupMemberElement;
import org.osc.api.manager.element.SecurityGroupSpec;

/**
 * What every part of the manager contract test needs: the plugin's hooks, sub-APIs bound to the valid
 * connector, unique keys, and clean-up of what a test created, so the contract can also run against a real
 * manager that keeps its state between tests.
 */
public abstract class ManagerContractBase {

    /** The manager under test, fresh for each test. */
    protected ApplianceManagerApi manager;

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Deque<CleanUp> cleanUps = new ArrayDeque<>();

    /**
     * Returns a manager under test in a known state: a fresh instance for an in-process plugin, or one bound
     * to a test manager.
     *
     * @return the manager service as the plugin registers it
     * @throws Exception when it cannot be set up
     */
    protected abstract ApplianceManagerApi createManager() throws Exception;

    /**
     * Returns a connector the manager accepts.
     *
     * @return a connector with valid address and credentials
     */
    protected abstract ManagerConnectorElement validConnector();

    /**
     * Returns a connector to the same manager with credentials it refuses.
     *
     * @return a connector with wrong credentials
     */
    protected abstract ManagerConnectorElement badCredentialsConnector();

    /**
     * Returns a connector to an address where no manager answers.
     *
     * @return a connector the plugin reports as unreachable
     */
    protected abstract ManagerConnectorElement unreachableConnector();

    /**
     * Returns the service properties the plugin registers its {@link ApplianceManagerApi} with; the
     * capability flags decide which parts of the contract run.
     *
     * @return property names of {@link org.osc.api.manager.ManagerPluginProperties} to their values
     */
    protected abstract Map<String, Object> serviceProperties();

    /**
     * Releases the manager after a test. The default does nothing.
     *
     * @param manager the manager returned by {@link #createManager()}
     * @throws Exception when it cannot be released
     */
    protected void disposeManager(ApplianceManagerApi manager) throws Exception {
    }

    @BeforeEach
    public void setUpManager() throws Exception {
        manager = createManager();
    }

    @AfterEach
    public void tearDownManager() throws Exception {
        // Newest first: interfaces go before the groups and devices they reference.
        while (!cleanUps.isEmpty()) {
            cleanUps.pop().run();
        }
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
        disposeManager(manager);
    }

    /** A clean-up step, run after the test whatever its outcome. */
    @FunctionalInterface
    protected interface CleanUp {
        /**
         * Undoes what a test created.
         *
         * @throws Exception when it cannot
         */
        void run() throws Exception;
    }

    /**
     * Registers a clean-up step, run after the test in reverse order of registration.
     *
     * @param cleanUp the step
     */
    protected void afterTest(CleanUp cleanUp) {
        cleanUps.push(cleanUp);
    }

    /**
     * Tells whether the plugin declares a boolean capability, as OSC reads it.
     *
     * @param property a capability property name
     * @return true when the property is {@code true} or {@code "true"}
     */
    protected boolean declares(String property) {
        Object value = serviceProperties().get(property);
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    /**
     * Skips the current test unless the plugin declares a capability.
     *
     * @param property a capability property name
     */
    protected void assumeDeclares(String property) {
        assumeTrue(declares(property), property + " not declared by the plugin");
    }

    /**
     * Returns a key no other test run used, so that tests against a shared manager do not collide.
     *
     * @param prefix readable part of the key
     * @return the prefix with a random suffix
     */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return a domain sub-API for the valid connector, closed after the test */
    protected ManagerDomainApi domains() throws ManagerException {
        return closeLater(manager.createDomainApi(validConnector()));
    }

    /** @return a device sub-API for the valid connector, closed after the test */
    protected ManagerDeviceApi devices() throws ManagerException {
        return closeLater(manager.createDeviceApi(validConnector()));
    }

    /** @return a security-group sub-API for the valid connector, closed after the test */
    protected ManagerSecurityGroupApi groups() throws ManagerException {
        return closeLater(manager.createSecurityGroupApi(validConnector()));
    }

    /** @return a security-group-interface sub-API for the valid connector, closed after the test */
    protected ManagerSecurityGroupInterfaceApi interfaces() throws ManagerException {
        return closeLater(manager.createSecurityGroupInterfaceApi(validConnector()));
    }

    private <T extends AutoCloseable> T closeLater(T api) {
        toClose.push(api);
        return api;
    }

    /**
     * Returns a domain that has at least one policy; the contract needs one to build mappings.
     *
     * @return the first such domain
     * @throws ManagerException when the manager cannot list them
     */
    protected DomainElement domainWithPolicies() throws ManagerException {
        for (DomainElement domain : domains().listDomains()) {
            if (!domains().listPolicies(domain.id()).isEmpty()) {
                return domain;
            }
        }
        throw new AssertionError("the contract test needs a domain with at least one policy");
    }

    /**
     * Returns the policies of a domain, failing when it has none.
     *
     * @param domain a domain from {@link #domainWithPolicies()}
     * @return its policies
     * @throws ManagerException when the manager cannot list them
     */
    protected List<PolicyElement> policiesOf(DomainElement domain) throws ManagerException {
        List<PolicyElement> policies = domains().listPolicies(domain.id());
        assertFalse(policies.isEmpty(), "policies of " + domain);
        return policies;
    }

    /**
     * Creates a device with a unique virtual-system id in a domain with policies, deleted after the test.
     *
     * @return the device
     * @throws ManagerException when the manager refuses
     */
    protected DeviceElement newDevice() throws ManagerException {
        DeviceElement device = devices().createDevice(
                new DeviceSpec(unique("device"), unique("vs"), domainWithPolicies().id()));
        afterTest(() -> devices().deleteDevice(device.id()));
        return device;
    }

    /**
     * Creates a security group with one member and a unique OSC id, deleted after the test.
     *
     * @return the group
     * @throws ManagerException when the manager refuses
     */
    protected SecurityGroupElement newGroup() throws ManagerException {
        SecurityGroupElement group = groups().createSecurityGroup(new SecurityGroupSpec(unique("group"),
                unique("sg"), List.of(member("web-1", "10.1.0.11", "0a:58:0a:01:00:0b"))));
        afterTest(() -> groups().deleteSecurityGroup(group.id()));
        return group;
    }

    /**
     * Builds a security-group member in namespace {@code default}.
     *
     * @param name pod name
     * @param ip its IP address
     * @param mac its MAC address
     * @return the member
     */
    protected static SecurityGroupMemberElement member(String name, String ip, String mac) {
        return new SecurityGroupMemberElement(name, "default", List.of(ip), List.of(mac));
    }
}
