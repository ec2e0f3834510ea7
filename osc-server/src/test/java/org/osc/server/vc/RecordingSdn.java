package org.osc.server.vc;

import java.util.ArrayList;
import java.util.List;

import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;

/**
 * An SDN plugin whose controller answers as told, recording the connectors it was asked about: the way to see
 * which provider attributes OSC hands a plugin, and how OSC takes each kind of answer.
 */
final class RecordingSdn implements SdnControllerApi {

    /** How the controller answers {@code getStatus}. */
    enum Answer { READY, NOT_READY, REFUSE, UNREACHABLE, CRASH, HANG }

    private final List<VirtualizationConnectorElement> asked = new ArrayList<>();
    private volatile Answer answer = Answer.READY;
    private volatile String reason = "northbound: connection refused";

    /** Answers so from now on, with that reason for the failures. */
    void answer(Answer next, String why) {
        answer = next;
        reason = why;
    }

    /** @return the connectors asked about, in order */
    synchronized List<VirtualizationConnectorElement> asked() {
        return List.copyOf(asked);
    }

    synchronized void forget() {
        asked.clear();
    }

    @Override
    public ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException {
        synchronized (this) {
            asked.add(connector);
        }
        switch (answer) {
            case NOT_READY:
                return new ControllerStatus("recording", "1.0", false);
            case REFUSE:
                throw new SdnException(reason);
            case UNREACHABLE:
                throw new ControllerUnreachableException(reason, null);
            case CRASH:
                throw new IllegalStateException(reason);
            case HANG:
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SdnException("interrupted");
            default:
                return new ControllerStatus("recording", "1.0", true);
        }
    }

    @Override
    public RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException {
        throw new SdnException("no sessions in this test");
    }
}
