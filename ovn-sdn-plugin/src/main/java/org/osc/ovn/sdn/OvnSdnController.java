package org.osc.ovn.sdn;

import java.time.Duration;

import org.osc.ovn.sdn.model.OvnSession;
import org.osc.ovn.sdn.nb.ControllerSettings;
import org.osc.ovn.sdn.nb.NbConnection;
import org.osc.ovn.sdn.nb.NbConnections;
import org.osc.ovn.sdn.nb.NbTables;
import org.osc.ovsdb.OvsdbException;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnException;
import org.osc.sdn.api.SdnNotifications;
import org.osc.sdn.api.SdnNotifier;
import org.osc.sdn.api.element.ControllerStatus;
import org.osc.sdn.api.element.VirtualizationConnectorElement;

/**
 * The OVN SDN controller, free of OSGi so that tests run it directly: reads each connector's provider
 * attributes ({@link ControllerSettings}), shares one northbound connection per database, opens
 * {@link OvnSession}s on it and pushes what the replicas see to OSC. Thread-safe.
 */
public final class OvnSdnController implements SdnControllerApi, SdnNotifier, AutoCloseable {

    /** The plugin's name, which connectors name as their controller type. */
    public static final String NAME = "OVN";
    /** How long getStatus and openSession wait for an unconnected database. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(3);
    /** How long an unused connection stays open: longer than OSC's periodic resync (300 s by default). */
    static final Duration IDLE = Duration.ofMinutes(15);

    private final PushChannel push = new PushChannel();
    private final NbConnections connections;

    /** A controller with the default timeouts. */
    public OvnSdnController() {
        this(NbConnection.Timeouts.DEFAULT, IDLE);
    }

    /**
     * @param timeouts the connections' timeouts
     * @param idle how long an unused connection stays open
     */
    public OvnSdnController(NbConnection.Timeouts timeouts, Duration idle) {
        this.connections = new NbConnections(timeouts, idle,
                c -> c.replica().addListener(new NbWatcher(c, push)));
    }

    private static ControllerSettings settings(VirtualizationConnectorElement connector) throws SdnException {
        if (connector == null) {
            throw new IllegalArgumentException("connector must not be null");
        }
        return ControllerSettings.from(connector.providerAttributes());
    }

    @Override
    public ControllerStatus getStatus(VirtualizationConnectorElement connector) throws SdnException {
        ControllerSettings settings = settings(connector);
        NbConnection connection = connections.acquire(settings);
        try {
            connection.awaitReady(REACH_TIMEOUT);
            push.seen(settings, connector);
            String router = settings.clusterRouter();
            if (connection.view().router(router).isEmpty()
                    && !connection.awaitRow(NbTables.ROUTER, router, v -> v.router(router).isPresent())) {
                throw new SdnException(ControllerSettings.CLUSTER_ROUTER + ": the OVN northbound database "
                        + settings.northbound() + " has no Logical_Router named " + settings.clusterRouter());
            }
            String version;
            try {
                version = connection.client().getSchema("OVN_Northbound").path("version").asText("unknown");
            } catch (OvsdbException e) {
                throw new ControllerUnreachableException("northbound " + settings.northbound() + ": "
                        + e.getMessage(), e);
            }
            return new ControllerStatus("OVN northbound " + settings.northbound(), "schema " + version, true);
        } finally {
            connections.release(connection);
        }
    }

    @Override
    public RedirectionSession openSession(VirtualizationConnectorElement connector) throws SdnException {
        ControllerSettings settings = settings(connector);
        NbConnection connection = connections.acquire(settings);
        try {
            connection.awaitReady(REACH_TIMEOUT);
        } catch (ControllerUnreachableException e) {
            connections.release(connection);
            throw e;
        }
        push.seen(settings, connector);
        return new OvnSession(connection, settings.clusterRouter(), () -> connections.release(connection));
    }

    @Override
    public void startNotifications(SdnNotifications notifications) {
        push.start(notifications);
    }

    @Override
    public void stopNotifications() {
        push.stop();
    }

    /**
     * @return how many northbound connections are open now
     */
    int openConnections() {
        return connections.connections().size();
    }

    /** Stops notifying and closes every connection. */
    @Override
    public void close() {
        push.stop();
        connections.close();
    }
}
