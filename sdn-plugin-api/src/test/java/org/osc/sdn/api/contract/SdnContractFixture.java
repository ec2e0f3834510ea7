package org.osc.sdn.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.osc.sdn.api.ElementNotFoundException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * What a plugin provides to the SDN contract tests, and the helpers the tests share. Extend
 * {@link SdnControllerContractTest}, not this class.
 */
public abstract class SdnContractFixture {

    /** The namespace of every workload the contract tests make up. */
    protected static final String NAMESPACE = "osc-contract";

    /** The controller under test, created fresh for every test. */
    protected SdnControllerApi controller;

    /** A session opened on {@link #connector()} before every test and closed after it. */
    protected RedirectionSession session;

    /**
     * Creates a controller with no state: no port groups, inspection ports or hooks.
     *
     * @return a fresh controller
     * @throws Exception if it cannot be created
     */
    protected abstract SdnControllerApi createController() throws Exception;

    /**
     * Makes a workload known to the controller so that {@code getWorkloadPort(workload)} finds a port whose
     * IP addresses include the workload's. A plugin for a real controller creates the port there; the sample
     * plugin is told the port.
     *
     * @param workload the workload, always with a uid and one IP address
     * @throws Exception if the workload cannot be made known
     */
    protected abstract void givenWorkload(WorkloadIdentity workload) throws Exception;

    /**
     * The service properties the plugin registers its {@link SdnControllerApi} with; the tests adapt to the
     * advertised capabilities and check the plugin honours them.
     *
     * @return the properties named in {@link SdnPluginProperties}
     */
    protected abstract Map<String, Object> serviceProperties();

    /**
     * The connector the tests open their sessions on. Override if the plugin needs provider attributes.
     *
     * @return the connector
     */
    protected VirtualizationConnectorElement connector() {
        return new VirtualizationConnectorElement("contract-vc", "KUBERNETES", Map.of());
    }

    /**
     * Makes a workload's port appear or change on the controller on the controller's own initiative, as when a
     * pod attaches to the network, so that a plugin implementing {@link SdnNotifier} reports it with
     * {@link SdnNotifications#workloadPortChanged}. Used only by the push-channel tests.
     *
     * <p>By default {@link #givenWorkload}, which fits a plugin whose {@code givenWorkload} creates or tells the
     * port on the controller. Override it when {@code givenWorkload} does nothing the controller would notice
     * (e.g. ports derived from the identity at lookup).
     *
     * @param workload the workload, always with a uid and one IP address
     * @throws Exception if the change cannot be made
     */
    protected void givenWorkloadPortChange(WorkloadIdentity workload) throws Exception {
        givenWorkload(workload);
    }

    /**
     * Changes or removes an element that the tests registered through the session, as someone other than OSC
     * would (an operator on the controller's own console), so that a plugin implementing {@link SdnNotifier}
     * reports it with {@link SdnNotifications#elementChanged}. Used only by the push-channel tests.
     *
     * <p>By default nothing is done and {@code false} returned, which skips the tests that need it.
     *
     * @param kind {@link ElementKind#PORT_GROUP}, {@link ElementKind#INSPECTION_PORT} or
     *        {@link ElementKind#INSPECTION_HOOK}
     * @param elementId the element's id as the session returned it
     * @return whether the element was changed or removed; false if the fixture cannot do it for this kind
     * @throws Exception if the change fails
     */
    protected boolean changeElementOutOfBand(ElementKind kind, String elementId) throws Exception {
        return false;
    }

    /**
     * How long the push-channel tests wait for a notification to arrive. By default 5 seconds; a plugin
     * delivering from a poll loop raises it above its polling interval.
     *
     * @return the bound, positive
     */
    protected Duration notificationTimeout() {
        return Duration.ofSeconds(5);
    }

    /**
     * How long the push-channel tests watch for a notification that must not come (after
     * {@link SdnNotifier#stopNotifications()}, or to a replaced context). By default 300 ms.
     *
     * @return the period, positive
     */
    protected Duration notificationQuietPeriod() {
        return Duration.ofMillis(300);
    }

    @BeforeEach
    protected void openSession() throws Exception {
        controller = createController();
        session = controller.openSession(connector());
    }

    @AfterEach
    protected void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    /** A made-up pod with a stable uid and IP derived from its name, not yet known to the controller. */
    protected static WorkloadIdentity workload(String name) {
        UUID uid = UUID.nameUUIDFromBytes((NAMESPACE + "/" + name).getBytes(StandardCharsets.UTF_8));
        int h = name.hashCode() & 0xffff;
        String ip = "10.77." + (h >> 8) + "." + Math.max(1, h & 0xff);
        return new WorkloadIdentity(NAMESPACE, name, uid.toString(), List.of(ip));
    }

    /** Makes a pod known and returns its port as the controller reports it. */
    protected NetworkElement port(String podName) throws Exception {
        WorkloadIdentity pod = workload(podName);
        givenWorkload(pod);
        return session.getWorkloadPort(pod);
    }

    /** Registers a single-port inspection port on a new appliance pod. */
    protected InspectionPort inspectionPort(String vnfPodName) throws Exception {
        NetworkElement vnf = port(vnfPodName);
        return session.registerInspectionPort(vnf, vnf);
    }

    /** A hook spec with a tag, encapsulation and failure policy the plugin advertises. */
    protected InspectionHookSpec hookSpec(InspectedElement inspected, InspectionPort to, long order) {
        return new InspectionHookSpec(inspected, to.id(), tag(42), anEncapsulation(), order, aFailurePolicy());
    }

    /** The wanted tag, or 0 if the plugin's encapsulation cannot carry it (only NONE advertised). */
    protected long tag(long wanted) {
        return Math.min(wanted, anEncapsulation().maxTag());
    }

    /** Whether a Boolean capability is advertised as true. */
    protected boolean supports(String capability) {
        return Boolean.TRUE.equals(serviceProperties().get(capability));
    }

    /** The advertised encapsulations, accepting String[], a collection or a single String. */
    protected Set<TagEncapsulation> encapsulations() {
        Object value = serviceProperties().get(SdnPluginProperties.SUPPORTED_ENCAPSULATIONS);
        Collection<?> names = value instanceof String[] array ? Arrays.asList(array)
                : value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
        Set<TagEncapsulation> result = EnumSet.noneOf(TagEncapsulation.class);
        names.forEach(n -> result.add(TagEncapsulation.valueOf(String.valueOf(n))));
        return result;
    }

    /** An advertised encapsulation that can carry the tags the tests use. */
    protected TagEncapsulation anEncapsulation() {
        return encapsulations().stream().filter(e -> e.maxTag() >= 100).findFirst().orElse(TagEncapsulation.NONE);
    }

    /** FAIL_CLOSE where failure policies are supported, else NA. */
    protected FailurePolicy aFailurePolicy() {
        return supports(SdnPluginProperties.SUPPORTS_FAILURE_POLICY) ? FailurePolicy.FAIL_CLOSE : FailurePolicy.NA;
    }

    /** Asserts that a call fails with a not-found error of the given kind. */
    protected static void assertNotFound(ElementKind kind, Executable call) {
        ElementNotFoundException e = assertThrows(ElementNotFoundException.class, call);
        assertEquals(kind, e.kind(), "kind of the missing element: " + e.getMessage());
    }
}
