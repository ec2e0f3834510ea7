package org.osc.ovn.sdn.nb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osc.sdn.api.SdnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's connections, one per database ({@link ControllerSettings#database()}: remote and TLS material),
 * shared by all sessions and connectors that name the same database. A connection nobody has used for the idle time is
 * closed; all are closed by {@link #close()}. Thread-safe.
 */
public final class NbConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NbConnections.class);

    private final Map<ControllerSettings, NbConnection> open = new HashMap<>();
    private final NbConnection.Timeouts timeouts;
    private final Duration idle;
    private final Consumer<NbConnection> onOpen;
    private final ScheduledExecutorService reaper;
    private boolean closed;

    /**
     * @param timeouts the timeouts of each connection
     * @param idle how long an unused connection stays open
     * @param onOpen called with each new connection before it is first used (the push channel attaches here)
     */
    public NbConnections(NbConnection.Timeouts timeouts, Duration idle, Consumer<NbConnection> onOpen) {
        this.timeouts = timeouts;
        this.idle = idle;
        this.onOpen = onOpen;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ovn-sdn connection reaper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, idle.toMillis() / 4);
        reaper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the connection for the settings, opening it if there is none; give it back with
     * {@link #release(NbConnection)}.
     *
     * @param settings a connector's settings; only those naming the database count
     * @return the shared connection, whose {@link NbConnection#settings()} name the database alone
     * @throws SdnException if the connection cannot be made (bad TLS material)
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized NbConnection acquire(ControllerSettings settings) throws SdnException {
        if (closed) {
            throw new IllegalStateException("the OVN plugin is stopping");
        }
        ControllerSettings database = settings.database();
        NbConnection connection = open.get(database);
        if (connection == null) {
            connection = NbConnection.open(database, timeouts);
            onOpen.accept(connection);
            open.put(database, connection);
        }
        connection.use();
        return connection;
    }

    /**
     * @param connection a connection taken with {@link #acquire}
     */
    public void release(NbConnection connection) {
        connection.release();
    }

    /**
     * @return the connections open now
     */
    public synchronized List<NbConnection> connections() {
        return List.copyOf(open.values());
    }

    private void closeIdle() {
        List<NbConnection> idleOnes = new ArrayList<>();
        synchronized (this) {
            open.values().removeIf(c -> {
                if (c.idleFor(idle)) {
                    idleOnes.add(c);
                    return true;
                }
                return false;
            });
        }
        for (NbConnection c : idleOnes) {
            LOG.info("closing the unused connection to {}", c.settings().northbound());
            c.close();
        }
    }

    @Override
    public void close() {
        List<NbConnection> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(open.values());
            open.clear();
        }
        reaper.shutdownNow();
        all.forEach(NbConnection::close);
    }
}
