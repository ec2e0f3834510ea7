package org.osc.sdn.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.contract.RecordingNotifications.ElementChanged;
import org.osc.sdn.api.contract.RecordingNotifications.Notification;
import org.osc.sdn.api.contract.RecordingNotifications.WorkloadPortChanged;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * Contract tests for the push channel (SPI 1.1): run only when the controller under test also implements
 * {@link SdnNotifier}, skipped otherwise. They check that a workload port the controller learns and an
 * element changed behind OSC's back are reported on the context OSC handed over, naming the connector of the
 * session; that a stopped, invalid or replaced context hears nothing more; and that every call is well formed.
 * Part of {@link SdnControllerContractTest}; extend that class.
 */
public abstract class SdnNotifierContract extends SdnElementContract {

    private static final Set<ElementKind> REPORTABLE_KINDS =
            EnumSet.of(ElementKind.PORT_GROUP, ElementKind.INSPECTION_PORT, ElementKind.INSPECTION_HOOK);

    private boolean started;

    /** The controller as a notifier; skips the calling test if it is not one. */
    protected SdnNotifier notifier() {
        assumeTrue(controller instanceof SdnNotifier, "the controller does not implement SdnNotifier");
        return (SdnNotifier) controller;
    }

    /** Hands a new recording context to the plugin, as OSC does when it starts using it. */
    protected RecordingNotifications startRecording() {
        RecordingNotifications recording = new RecordingNotifications();
        notifier().startNotifications(recording);
        started = true;
        return recording;
    }

    @AfterEach
    protected void stopNotificationsAfterTest() {
        if (started) {
            ((SdnNotifier) controller).stopNotifications();
        }
    }

    @Test
    public void workloadPortChange_isNotified_onTheSessionsConnector() throws Exception {
        RecordingNotifications recording = startRecording();
        WorkloadIdentity pod = workload("push-web");
        givenWorkloadPortChange(pod);
        Notification received = awaitOrFail(recording, RecordingNotifications.workloadPort(connector(), pod),
                "workloadPortChanged for " + pod.qualifiedName());
        assertEquals(connector(), received.connector(), "the connector as OSC passed it to openSession");
        assertFalse(received.afterInvalidation());
        assertWellFormed(recording);
    }

    @Test
    public void portGroupChangedOutOfBand_isNotified() throws Exception {
        notifier();
        assumeTrue(supports(SdnPluginProperties.SUPPORTS_PORT_GROUP));
        PortGroup group = session.registerPortGroup("sg-push", Set.of(port("push-member")));
        assertElementChangeNotified(ElementKind.PORT_GROUP, group.id());
    }

    @Test
    public void inspectionPortChangedOutOfBand_isNotified() throws Exception {
        notifier();
        InspectionPort vnf = inspectionPort("push-vnf");
        assertElementChangeNotified(ElementKind.INSPECTION_PORT, vnf.id());
    }

    @Test
    public void inspectionHookChangedOutOfBand_isNotified() throws Exception {
        notifier();
        InspectedElement pod = InspectedElement.port(port("push-hooked").id());
        InspectionHook hook = session.installInspectionHook(hookSpec(pod, inspectionPort("push-hook-vnf"), 1));
        assertElementChangeNotified(ElementKind.INSPECTION_HOOK, hook.id());
    }

    @Test
    public void stopNotifications_dropsTheContext() throws Exception {
        RecordingNotifications recording = startRecording();
        WorkloadIdentity before = workload("push-before-stop");
        givenWorkloadPortChange(before);
        awaitOrFail(recording, RecordingNotifications.workloadPort(connector(), before),
                "workloadPortChanged before the stop");

        // Still valid here, as between OSC's telling the plugin and invalidating the context: the plugin must
        // stop calling on stopNotifications alone.
        notifier().stopNotifications();
        notifier().stopNotifications();
        WorkloadIdentity after = workload("push-after-stop");
        givenWorkloadPortChange(after);
        assertNothingArrives(recording, RecordingNotifications.workloadPort(connector(), after),
                "a change after stopNotifications reached the dropped context");
        assertWellFormed(recording);
    }

    @Test
    public void invalidContext_isNotCalled() throws Exception {
        RecordingNotifications recording = startRecording();
        WorkloadIdentity before = workload("push-before-invalid");
        givenWorkloadPortChange(before);
        awaitOrFail(recording, RecordingNotifications.workloadPort(connector(), before),
                "workloadPortChanged while the context is valid");

        // OSC stopped using the plugin without reaching it (its service was already going away).
        recording.invalidate();
        assertFalse(recording.isValid());
        WorkloadIdentity after = workload("push-after-invalid");
        givenWorkloadPortChange(after);
        assertNothingArrives(recording, RecordingNotifications.workloadPort(connector(), after),
                "a change reached a context whose isValid() is false");
        assertWellFormed(recording);
    }

    @Test
    public void startNotifications_again_replacesTheContext() throws Exception {
        RecordingNotifications first = startRecording();
        RecordingNotifications second = startRecording();
        WorkloadIdentity pod = workload("push-replaced");
        givenWorkloadPortChange(pod);
        awaitOrFail(second, RecordingNotifications.workloadPort(connector(), pod),
                "workloadPortChanged on the second context");
        assertNothingArrives(first, RecordingNotifications.workloadPort(connector(), pod),
                "a change after the context was replaced reached the first context");
        assertWellFormed(second);
    }

    /** Starts recording, changes the element out of band (skipping if the fixture cannot) and awaits the call. */
    private void assertElementChangeNotified(ElementKind kind, String id) throws Exception {
        RecordingNotifications recording = startRecording();
        assumeTrue(changeElementOutOfBand(kind, id), "the fixture cannot change a " + kind + " out of band");
        awaitOrFail(recording, RecordingNotifications.element(connector(), kind, id),
                "elementChanged(" + kind + ", " + id + ")");
        assertWellFormed(recording);
    }

    private Notification awaitOrFail(RecordingNotifications recording, Predicate<Notification> wanted,
            String what) throws InterruptedException {
        return recording.await(wanted, notificationTimeout()).orElseGet(() -> fail(what + " not received within "
                + notificationTimeout() + "; received " + recording.received()));
    }

    private void assertNothingArrives(RecordingNotifications recording, Predicate<Notification> unwanted,
            String message) throws InterruptedException {
        recording.await(unwanted, notificationQuietPeriod())
                .ifPresent(n -> fail(message + ": " + n));
    }

    /** Every call names a connector, a pod or a reportable kind with a non-blank id. */
    private static void assertWellFormed(RecordingNotifications recording) {
        for (Notification n : recording.received()) {
            assertTrue(n.connector() != null, "no connector in " + n);
            if (n instanceof WorkloadPortChanged w) {
                assertTrue(w.workload() != null, "no workload in " + n);
            } else if (n instanceof ElementChanged e) {
                assertTrue(REPORTABLE_KINDS.contains(e.kind()), "not an element OSC registers: " + n);
                assertTrue(e.elementId() != null && !e.elementId().isBlank(), "blank element id in " + n);
            }
        }
    }
}
