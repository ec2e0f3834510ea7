package org.osc.bench;

import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;

/**
 * An SDN plugin as OSC sees it, with every call recorded in an {@link SdnLog}: registered in the plugin registry
 * in place of the plugin it wraps, so that nothing OSC asks of the controller goes unseen. The push channel is
 * passed through to a plugin that notifies (and is a no-op for one that does not).
 */
final class RecordingSdn implements SdnControllerApi, SdnNotifier {

    private final SdnControllerApi delegate;
    private final SdnLog log;

    RecordingSdn(SdnControllerApi delegate, SdnLog log) {
        this.delegate = delegate;
        this.log = log;
    }

    @Override
    public ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException {
        long start = System.nanoTime();
        try {
            return delegate.getStatus(connector);
        } finally {
            log.called("getStatus", System.nanoTime() - start);
        }
    }

    @Override
    public RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException {
        long start = System.nanoTime();
        try {
            return new RecordingSession(delegate.openSession(connector), log);
        } finally {
            log.called("openSession", System.nanoTime() - start);
        }
    }

    @Override
    public void startNotifications(SdnNotifications notifications) {
        if (delegate instanceof SdnNotifier notifier) {
            notifier.startNotifications(notifications);
        }
    }

    @Override
    public void stopNotifications() {
        if (delegate instanceof SdnNotifier notifier) {
            notifier.stopNotifications();
        }
    }

    @Override
    public String toString() {
        return "recording " + delegate;
    }
}
