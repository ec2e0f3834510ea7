package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osc.server.sg.SecurityGroupValidationTest.fields;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.ManagerDomain;
import org.osc.server.domain.ManagerPolicy;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.error.UnprocessableException;
import org.osc.server.error.ValidationException;

/** What the binding service refuses, and with which status. */
class BindingValidationTest {

    @TempDir
    Path dir;

    private SgFixture fx;
    private long vc;
    private long sg;
    private long vs;

    @BeforeEach
    void setUp() throws Exception {
        fx = new SgFixture(dir);
        vc = fx.connector("k8s", SgFixture.SDN);
        sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, null)).id();
        vs = fx.virtualSystem(vc, "da1");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void fieldsAreChecked() {
        ValidationException e = assertThrows(ValidationException.class, () -> fx.bindings.replace(vc, sg, List.of(
                BindingBody.of(vs, "b", List.of("policy-2"), -1, "FAIL_SOMETIMES"),
                BindingBody.of(vs, "b", List.of(), 0, null),
                BindingBody.of(null, " ", List.of("policy-2", "policy-2", " "), 0, "NA"))));
        assertEquals(List.of("bindings[0].order", "bindings[0].failurePolicyType", "bindings[1].name",
                "bindings[1].virtualSystemId", "bindings[1].policyIds", "bindings[2].name",
                "bindings[2].virtualSystemId", "bindings[2].policyIds[2]", "bindings[2].policyIds"), fields(e));
        assertThrows(ValidationException.class, () -> fx.bindings.replace(vc, sg, null));
    }

    @Test
    void virtualSystemMustExistOnTheGroupsConnector() throws Exception {
        long other = fx.connector("other", SgFixture.SDN);
        long elsewhere = fx.virtualSystem(other, "da2");
        ValidationException e = assertThrows(ValidationException.class, () -> fx.bindings.replace(vc, sg,
                List.of(BindingBody.of(elsewhere, "b", List.of("policy-2"), 0, "NA"))));
        assertTrue(e.getMessage().contains("is not on the group's virtualization connector"), e.getMessage());
        e = assertThrows(ValidationException.class, () -> fx.bindings.replace(vc, sg,
                List.of(BindingBody.of(4242L, "b", List.of("policy-2"), 0, "NA"))));
        assertEquals("bindings[0].virtualSystemId: virtual system 4242 does not exist", e.getMessage());
    }

    @Test
    void policiesMustBeInTheVirtualSystemsDomainAsTheManagerTellsIt() {
        // policy-6 exists on the sample manager, but in domain-5.
        ValidationException e = assertThrows(ValidationException.class, () -> fx.bindings.replace(vc, sg,
                List.of(BindingBody.of(vs, "b", List.of("policy-2", "policy-6", "nope"), 0, "NA"))));
        assertEquals(List.of("bindings[0].policyIds", "bindings[0].policyIds"), fields(e));
        assertTrue(e.getMessage().contains("policy 'policy-6' is not in domain 'domain-1' of manager connector "
                + "'mc-da1'"), e.getMessage());
    }

    @Test
    void storedDomainsAreUsedWhenOscHasThem() throws Exception {
        // Once the manager connector's domains are stored, they are the reference (no call to the manager).
        fx.db.run(s -> {
            ManagerConnector mc = s.find(VirtualSystem.class, vs).getDistributedAppliance().getManagerConnector();
            ManagerDomain domain = new ManagerDomain();
            domain.setManagerConnector(mc);
            domain.setDomainId("domain-1");
            domain.setName("Default Domain");
            ManagerPolicy policy = new ManagerPolicy();
            policy.setDomain(domain);
            policy.setPolicyId("policy-3");
            policy.setName("Block Malware");
            domain.getPolicies().add(policy);
            s.persist(domain);
        });
        assertThrows(ValidationException.class, () -> fx.bindings.replace(vc, sg,
                List.of(BindingBody.of(vs, "b", List.of("policy-2"), 0, "NA"))));
        fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-3"), 0, "NA")));
    }

    @Test
    void failurePolicyNeedsAPluginThatSupportsIt() throws Exception {
        TestPlugins.sdn(fx.plugins, "NoFailSdn", fx.sdn, true, false);
        long plain = fx.connector("plain", "NoFailSdn");
        long group = fx.groups.create(plain, SecurityGroupBody.of("web", false, null)).id();
        long system = fx.virtualSystem(plain, "da3");
        UnprocessableException e = assertThrows(UnprocessableException.class, () -> fx.bindings.replace(plain,
                group, List.of(BindingBody.of(system, "b", List.of("policy-2"), 0, "FAIL_CLOSE"))));
        assertEquals("SDN plugin 'NoFailSdn' does not support failure policies: use NA", e.getMessage());
        assertEquals("bindings[0].failurePolicyType", e.errors().get(0).field());
        // NA (also the default) is accepted.
        fx.bindings.replace(plain, group, List.of(BindingBody.of(system, "b", List.of("policy-2"), 0, null)));
        assertEquals("NA", fx.bindings.list(plain, group).get(0).failurePolicyType());
    }

    @Test
    void withoutChainingAGroupHasOneBinding() throws Exception {
        long second = fx.virtualSystem(vc, "da4");
        UnprocessableException e = assertThrows(UnprocessableException.class, () -> fx.bindings.replace(vc, sg,
                List.of(BindingBody.of(vs, "a", List.of("policy-2"), 0, "NA"),
                        BindingBody.of(second, "b", List.of("policy-2"), 1, "NA"))));
        assertTrue(e.getMessage().contains("cannot chain appliances"), e.getMessage());
    }

    @Test
    void bindingsNeedAnSdnPluginWithPortGroups() throws Exception {
        TestPlugins.sdn(fx.plugins, "FlatSdn", fx.sdn, false, false);
        // The group was created while the connector's plugin had port groups; its plugin changed since.
        fx.db.run(s -> s.find(org.osc.server.domain.VirtualizationConnector.class, vc).setControllerType("FlatSdn"));
        UnprocessableException e = assertThrows(UnprocessableException.class, () -> fx.bindings.replace(vc, sg,
                List.of(BindingBody.of(vs, "a", List.of("policy-2"), 0, "NA"))));
        assertTrue(e.getMessage().contains("does not support port groups"), e.getMessage());
    }
}
