package org.osc.sdn.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented, in addition to {@link SdnControllerApi} and by the same service object, by a plugin that can
 * push changes to OSC. OSC checks for it on the {@code SdnControllerApi} service it uses; it is not registered
 * as a service of its own. A plugin without it is only pulled from, in OSC's reconciliations and periodic
 * resyncs, as with SPI 1.0.
 *
 * <p>The plugin keeps at most one {@link SdnNotifications} context, the last one OSC handed it, and calls it
 * from its own threads when its controller sees a change (see {@link SdnNotifications} for what to report and
 * when). Both methods are called by OSC from any thread, must be thread-safe, and return quickly: they store
 * or drop the context, they do not contact the controller.
 */
@ConsumerType
public interface SdnNotifier {

    /**
     * OSC hands the plugin its context once it starts using the service. The plugin keeps it and calls it
     * from its own threads, never from inside a call OSC is making to the plugin. A later call replaces the
     * earlier context: from then on only the new one is called.
     *
     * <p>Changes the controller saw before this call need not be reported: when OSC starts using a plugin it
     * reconciles the connectors that name it, as it does whenever a plugin's service appears.
     *
     * @param notifications the context to call; not null
     */
    void startNotifications(SdnNotifications notifications);

    /**
     * OSC stopped using the plugin: the context is invalid from now on and the plugin drops it. A
     * notification already under way may still reach the old context, which ignores it; none is started after
     * this returns, until OSC calls {@link #startNotifications} again. Calling it without a context is a
     * no-op.
     */
    void stopNotifications();
}
