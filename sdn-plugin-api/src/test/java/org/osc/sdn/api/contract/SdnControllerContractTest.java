package org.osc.sdn.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.sdn.api.ElementConflictException;
import org.osc.sdn.api.NotSupportedException;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;

/**
 * The contract every SDN plugin must pass. A plugin's test extends this class and implements
 * {@link #createController()}, {@link #givenWorkload} and {@link #serviceProperties()}; the inherited tests
 * check idempotency (register twice = one, remove missing = no-op), typed errors and round trips of port
 * groups, inspection ports and inspection hooks. Tests that need a capability the plugin does not advertise
 * are skipped, and the plugin is checked to refuse it instead. A plugin whose controller also implements
 * {@link org.osc.sdn.api.SdnNotifier} is checked on the push channel too ({@link SdnNotifierContract}), with
 * the optional fixture methods {@link #givenWorkloadPortChange} and {@link #changeElementOutOfBand}; for other
 * plugins those tests are skipped.
 */
public abstract class SdnControllerContractTest extends SdnNotifierContract {

    /** The element hooks are installed on: a port group where supported (as OSC does), else a port. */
    protected InspectedElement inspectedElement(String name) throws Exception {
        if (supports(SdnPluginProperties.SUPPORTS_PORT_GROUP)) {
            PortGroup group = session.registerPortGroup(name, Set.of(port(name + "-member")));
            return InspectedElement.portGroup(group.id());
        }
        return InspectedElement.port(port(name + "-member").id());
    }

    @Test
    public void hook_roundTrip_keepsTagOrderPolicyAndEncapsulation() throws Exception {
        InspectedElement sg = inspectedElement("sg-hook");
        InspectionPort vnf = inspectionPort("vnf-hook");
        InspectionHookSpec spec = new InspectionHookSpec(sg, vnf.id(), tag(42), anEncapsulation(), 7,
                aFailurePolicy());
        InspectionHook hook = session.installInspectionHook(spec);
        assertEquals(spec, hook.toSpec());
        assertEquals(Optional.of(hook), session.getInspectionHook(hook.id()));
        assertEquals(Optional.of(hook), session.findInspectionHook(sg, vnf.id()));
        assertEquals(List.of(hook), session.getInspectionHooks(sg));

        InspectionHookSpec changed = new InspectionHookSpec(sg, vnf.id(), tag(43), anEncapsulation(), 3,
                FailurePolicy.NA);
        InspectionHook updated = session.updateInspectionHook(hook.id(), changed);
        assertEquals(hook.id(), updated.id());
        assertEquals(changed, session.getInspectionHook(hook.id()).orElseThrow().toSpec());

        session.removeInspectionHook(hook.id());
        assertEquals(Optional.empty(), session.getInspectionHook(hook.id()));
        assertEquals(List.of(), session.getInspectionHooks(sg));
    }

    @Test
    public void hook_onSinglePort_isAlwaysAllowed() throws Exception {
        InspectedElement pod = InspectedElement.port(port("hooked-pod").id());
        InspectionHook hook = session.installInspectionHook(hookSpec(pod, inspectionPort("vnf-port-hook"), 1));
        assertEquals(pod, hook.inspected());
    }

    @Test
    public void installHook_twice_yieldsOne_andNewSettingsUpdateInPlace() throws Exception {
        InspectedElement sg = inspectedElement("sg-hook-twice");
        InspectionPort vnf = inspectionPort("vnf-hook-twice");
        InspectionHook first = session.installInspectionHook(hookSpec(sg, vnf, 5));
        assertEquals(first, session.installInspectionHook(hookSpec(sg, vnf, 5)));
        InspectionHook reordered = session.installInspectionHook(hookSpec(sg, vnf, 9));
        assertEquals(first.id(), reordered.id());
        assertEquals(9, reordered.order());
        assertEquals(List.of(reordered), session.getInspectionHooks(sg));
    }

    @Test
    public void installHook_toUnregisteredInspectionPort_isNotFound() throws Exception {
        InspectedElement sg = inspectedElement("sg-no-vnf");
        InspectionHookSpec spec = new InspectionHookSpec(sg, "osc-contract-no-such-inspection-port", tag(1),
                anEncapsulation(), 1, aFailurePolicy());
        assertNotFound(ElementKind.INSPECTION_PORT, () -> session.installInspectionHook(spec));
        InspectionPort removed = inspectionPort("vnf-removed");
        session.removeInspectionPort(removed.id());
        assertNotFound(ElementKind.INSPECTION_PORT, () -> session.installInspectionHook(hookSpec(sg, removed, 1)));
        assertEquals(List.of(), session.getInspectionHooks(sg));
    }

    @Test
    public void installHook_fromUnknownElement_isNotFound() throws Exception {
        InspectionPort vnf = inspectionPort("vnf-unknown-element");
        assertNotFound(ElementKind.PORT, () -> session.installInspectionHook(
                hookSpec(InspectedElement.port("osc-contract-no-such-port"), vnf, 1)));
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        assertNotFound(ElementKind.PORT_GROUP, () -> session.installInspectionHook(
                hookSpec(InspectedElement.portGroup("osc-contract-no-such-group"), vnf, 1)));
    }

    @Test
    public void updateHook_movesToAnotherInspectionPort_andChecksItsArguments() throws Exception {
        InspectedElement sg = inspectedElement("sg-move");
        InspectionPort from = inspectionPort("vnf-move-from");
        InspectionPort to = inspectionPort("vnf-move-to");
        InspectionHook hook = session.installInspectionHook(hookSpec(sg, from, 1));
        InspectionHook moved = session.updateInspectionHook(hook.id(), hookSpec(sg, to, 1));
        assertEquals(hook.id(), moved.id());
        assertEquals(to.id(), moved.inspectionPortId());
        assertEquals(Optional.empty(), session.findInspectionHook(sg, from.id()));

        assertNotFound(ElementKind.INSPECTION_HOOK,
                () -> session.updateInspectionHook("osc-contract-no-such-hook", hookSpec(sg, to, 1)));
        InspectedElement other = InspectedElement.port(port("move-other").id());
        assertThrows(IllegalArgumentException.class, () -> session.updateInspectionHook(hook.id(),
                hookSpec(other, to, 1)));
        session.installInspectionHook(hookSpec(sg, from, 2));
        assertThrows(ElementConflictException.class, () -> session.updateInspectionHook(hook.id(),
                hookSpec(sg, from, 1)), "the pair sg -> from is held by another hook");
    }

    @Test
    public void removeHooks_whenGone_areNoOps_andRemoveAllTouchesOnlyItsElement() throws Exception {
        InspectedElement sg = inspectedElement("sg-remove-all");
        InspectedElement kept = inspectedElement("sg-kept");
        InspectionPort vnf1 = inspectionPort("vnf-remove-1");
        InspectionPort vnf2 = inspectionPort("vnf-remove-2");
        InspectionHook late = session.installInspectionHook(hookSpec(sg, vnf1, 9));
        InspectionHook early = session.installInspectionHook(hookSpec(sg, vnf2, 2));
        InspectionHook other = session.installInspectionHook(hookSpec(kept, vnf1, 1));
        assertEquals(List.of(early, late), session.getInspectionHooks(sg), "ordered by order");

        session.removeAllInspectionHooks(sg);
        session.removeAllInspectionHooks(sg);
        session.removeAllInspectionHooks(InspectedElement.port("osc-contract-no-such-port"));
        assertEquals(List.of(), session.getInspectionHooks(sg));
        assertEquals(List.of(other), session.getInspectionHooks(kept));

        session.removeInspectionHook(late.id());
        session.removeInspectionHook("osc-contract-no-such-hook");
        assertEquals(Optional.of(other), session.getInspectionHook(other.id()));
    }

    @Test
    public void elementsInUse_cannotBeRemoved_untilTheirHooksAre() throws Exception {
        InspectedElement sg = inspectedElement("sg-in-use");
        InspectionPort vnf = inspectionPort("vnf-in-use");
        session.installInspectionHook(hookSpec(sg, vnf, 1));
        assertThrows(ElementConflictException.class, () -> session.removeInspectionPort(vnf.id()));
        if (sg.kind() == ElementKind.PORT_GROUP) {
            assertThrows(ElementConflictException.class, () -> session.deletePortGroup(sg.id()));
        }
        session.removeAllInspectionHooks(sg);
        session.removeInspectionPort(vnf.id());
        assertEquals(Optional.empty(), session.getInspectionPort(vnf.id()));
        if (sg.kind() == ElementKind.PORT_GROUP) {
            session.deletePortGroup(sg.id());
            assertEquals(Optional.empty(), session.getPortGroup(sg.id()));
        }
    }

    @Test
    public void unadvertisedEncapsulation_isNotSupported() throws Exception {
        EnumSet<TagEncapsulation> missing = EnumSet.complementOf(EnumSet.copyOf(encapsulations()));
        assumeFalse(missing.isEmpty());
        InspectedElement sg = inspectedElement("sg-encapsulation");
        InspectionPort vnf = inspectionPort("vnf-encapsulation");
        InspectionHookSpec spec = new InspectionHookSpec(sg, vnf.id(), 0, missing.iterator().next(), 1,
                FailurePolicy.NA);
        assertThrows(NotSupportedException.class, () -> session.installInspectionHook(spec));
    }

    @Test
    public void failurePolicy_whenNotAdvertised_isNotSupported() throws Exception {
        assumeFalse(supports(SdnPluginProperties.SUPPORTS_FAILURE_POLICY));
        InspectedElement sg = inspectedElement("sg-policy");
        InspectionPort vnf = inspectionPort("vnf-policy");
        InspectionHookSpec spec = new InspectionHookSpec(sg, vnf.id(), tag(1), anEncapsulation(), 1,
                FailurePolicy.FAIL_OPEN);
        assertThrows(NotSupportedException.class, () -> session.installInspectionHook(spec));
    }

    @Test
    public void failurePolicies_whenAdvertised_areEachKept() throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_FAILURE_POLICY));
        InspectedElement sg = inspectedElement("sg-policies");
        InspectionPort vnf = inspectionPort("vnf-policies");
        for (FailurePolicy policy : FailurePolicy.values()) {
            InspectionHookSpec spec = new InspectionHookSpec(sg, vnf.id(), tag(1), anEncapsulation(), 1, policy);
            assertEquals(policy, session.installInspectionHook(spec).failurePolicy());
        }
        assertEquals(1, session.getInspectionHooks(sg).size());
    }

    @Test
    public void inspectionPortHealth_whenAdvertised_startsHealthy_isSetIdempotently_andSurvivesReRegistration()
            throws Exception {
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_FAILURE_POLICY));
        InspectedElement sg = inspectedElement("sg-health");
        InspectionPort vnf = inspectionPort("vnf-health");
        InspectionHook hook = session.installInspectionHook(hookSpec(sg, vnf, 1));
        assertTrue(session.isInspectionPortHealthy(vnf.id()), "a registered inspection port starts healthy");
        session.setInspectionPortHealthy(vnf.id(), false);
        session.setInspectionPortHealthy(vnf.id(), false);
        assertFalse(session.isInspectionPortHealthy(vnf.id()));
        assertEquals(vnf, session.registerInspectionPort(vnf.ingress(), vnf.egress()), "same port, same id");
        assertFalse(session.isInspectionPortHealthy(vnf.id()), "registering again keeps the health");
        assertEquals(Optional.of(hook), session.getInspectionHook(hook.id()), "the hook is kept while unhealthy");
        session.setInspectionPortHealthy(vnf.id(), true);
        assertTrue(session.isInspectionPortHealthy(vnf.id()));
        assertNotFound(ElementKind.INSPECTION_PORT, () -> session.setInspectionPortHealthy("osc-contract-none", true));
        assertNotFound(ElementKind.INSPECTION_PORT, () -> session.isInspectionPortHealthy("osc-contract-none"));
        assertThrows(IllegalArgumentException.class, () -> session.setInspectionPortHealthy(" ", true));
    }

    @Test
    public void inspectionPortHealth_whenNotAdvertised_isNotSupported() throws Exception {
        assumeFalse(supports(SdnPluginProperties.SUPPORTS_FAILURE_POLICY));
        InspectionPort vnf = inspectionPort("vnf-no-health");
        assertThrows(NotSupportedException.class, () -> session.setInspectionPortHealthy(vnf.id(), false));
    }
}
