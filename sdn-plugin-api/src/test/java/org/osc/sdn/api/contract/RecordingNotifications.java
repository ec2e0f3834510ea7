package org.osc.sdn.api.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * An {@link SdnNotifications} context that records every call, for tests of plugins that push changes. It
 * plays OSC's part: valid until {@link #invalidate()}, and cheap and non-blocking in its callbacks. Calls made
 * after it was invalidated are recorded too (flagged), so a test can tell whether the plugin dropped it.
 * Thread-safe.
 */
public final class RecordingNotifications implements SdnNotifications {

    /** One call the plugin made. */
    public sealed interface Notification {

        /** The connector the call named. */
        VirtualizationConnectorElement connector();

        /** Whether the context was already invalid when the call arrived. */
        boolean afterInvalidation();
    }

    /**
     * A {@link SdnNotifications#workloadPortChanged} call.
     *
     * @param connector the connector named
     * @param workload the workload named
     * @param afterInvalidation whether the context was already invalid
     */
    public record WorkloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload,
            boolean afterInvalidation) implements Notification {
    }

    /**
     * A {@link SdnNotifications#elementChanged} call.
     *
     * @param connector the connector named
     * @param kind the kind named
     * @param elementId the id named
     * @param afterInvalidation whether the context was already invalid
     */
    public record ElementChanged(VirtualizationConnectorElement connector, ElementKind kind, String elementId,
            boolean afterInvalidation) implements Notification {
    }

    private final List<Notification> received = new ArrayList<>();
    private boolean valid = true;

    @Override
    public void workloadPortChanged(VirtualizationConnectorElement connector, WorkloadIdentity workload) {
        synchronized (received) {
            add(new WorkloadPortChanged(connector, workload, !valid));
        }
    }

    @Override
    public void elementChanged(VirtualizationConnectorElement connector, ElementKind kind, String elementId) {
        synchronized (received) {
            add(new ElementChanged(connector, kind, elementId, !valid));
        }
    }

    @Override
    public boolean isValid() {
        synchronized (received) {
            return valid;
        }
    }

    /** Turns {@link #isValid()} false for good, as OSC does when it stops using the plugin. */
    public void invalidate() {
        synchronized (received) {
            valid = false;
        }
    }

    /**
     * Every call so far, in the order received.
     *
     * @return a copy
     */
    public List<Notification> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * Waits until a call matching {@code wanted} has been received, or the timeout passes.
     *
     * @param wanted the call to wait for
     * @param timeout how long to wait at most
     * @return the first matching call, or empty if none came in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public Optional<Notification> await(Predicate<Notification> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                Optional<Notification> match = received.stream().filter(wanted).findFirst();
                long left = deadline - System.nanoTime();
                if (match.isPresent() || left <= 0) {
                    return match;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * A predicate for a {@code workloadPortChanged} call about a pod on a connector: same connector name,
     * namespace and name, and the same uid unless the plugin reported none.
     *
     * @param connector the connector expected
     * @param workload the pod expected
     * @return the predicate
     */
    public static Predicate<Notification> workloadPort(VirtualizationConnectorElement connector,
            WorkloadIdentity workload) {
        return n -> n instanceof WorkloadPortChanged w
                && w.connector() != null && w.connector().name().equals(connector.name())
                && w.workload() != null && w.workload().namespace().equals(workload.namespace())
                && w.workload().name().equals(workload.name())
                && (w.workload().uid().isEmpty() || w.workload().uid().equals(workload.uid()));
    }

    /**
     * A predicate for an {@code elementChanged} call about an element on a connector: same connector name,
     * kind and id.
     *
     * @param connector the connector expected
     * @param kind the kind expected
     * @param elementId the id expected
     * @return the predicate
     */
    public static Predicate<Notification> element(VirtualizationConnectorElement connector, ElementKind kind,
            String elementId) {
        return n -> n instanceof ElementChanged e
                && e.connector() != null && e.connector().name().equals(connector.name())
                && e.kind() == kind && elementId.equals(e.elementId());
    }

    private void add(Notification notification) {
        received.add(notification);
        received.notifyAll();
    }
}
