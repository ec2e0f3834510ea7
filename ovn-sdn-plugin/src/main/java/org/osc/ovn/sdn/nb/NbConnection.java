package org.osc.ovn.sdn.nb;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.osc.ovsdb.Condition;
import org.osc.ovsdb.NotConnectedException;
import org.osc.ovsdb.Operation;
import org.osc.ovsdb.OvsdbClient;
import org.osc.ovsdb.OvsdbException;
import org.osc.ovsdb.Replica;
import org.osc.ovsdb.ReplicaListener;
import org.osc.ovsdb.Row;
import org.osc.ovsdb.TransactionException;
import org.osc.sdn.api.ControllerUnreachableException;
import org.osc.sdn.api.SdnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One connection to a northbound database with its replica, shared by every session and connector whose
 * {@link ControllerSettings} are equal. Reads come from the replica ({@link #view()}); writes are serialised
 * ({@link #writeLock()}) and each is one OVSDB transaction, recorded in the {@link Ledger} first so that the push
 * channel knows its echo for the plugin's own.
 */
public final class NbConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NbConnection.class);
    /** How long a write waits for the replica to show its own result. */
    private static final long ECHO_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ControllerSettings settings;
    private final OvsdbClient client;
    private final Replica replica;
    private final Ledger ledger = new Ledger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong generation = new AtomicLong();
    private final LspIndex lsps;
    private final Object viewLock = new Object();
    private long viewGeneration = -1;
    private NbView view;
    private int users;
    private long idleSince = System.nanoTime();

    private NbConnection(ControllerSettings settings, OvsdbClient client) {
        this.settings = settings;
        this.client = client;
        this.replica = Replica.start(client, NbTables.DATABASE, NbTables.COLUMNS);
        this.lsps = new LspIndex(replica);
        replica.addListener(lsps);
        // The view's snapshot of the small tables is rebuilt after a change of one of them.
        replica.addListener(new ReplicaListener() {
            @Override
            public void onInsert(Row row) {
                changed(row);
            }

            @Override
            public void onModify(Row previous, Row current) {
                changed(current);
            }

            @Override
            public void onDelete(Row row) {
                changed(row);
            }

            private void changed(Row row) {
                if (!row.table().equals(NbTables.LSP) && !row.table().equals(NbTables.SWITCH)) {
                    generation.incrementAndGet();
                }
            }

            @Override
            public void onSynced() {
                generation.incrementAndGet();
            }
        });
        if (!replica.isStale()) {
            // The first content came before the listeners were added: index it now.
            lsps.onSynced();
            generation.incrementAndGet();
        }
    }

    /**
     * Starts connecting (in the background) and replicating.
     *
     * @param settings where the database is
     * @param timeouts the connect timeout and the longest reconnect backoff
     * @return the connection
     * @throws SdnException if the TLS material cannot be used
     */
    static NbConnection open(ControllerSettings settings, Timeouts timeouts) throws SdnException {
        OvsdbClient.Builder builder = OvsdbClient.builder(settings.northbound())
                .connectTimeout(timeouts.connect())
                .callTimeout(timeouts.call())
                .backoff(Duration.ofMillis(100), timeouts.maxBackoff());
        if (settings.northbound().ssl()) {
            builder.sslContext(settings.sslContext());
        }
        return new NbConnection(settings, builder.connect());
    }

    /**
     * The timeouts of a connection.
     *
     * @param connect how long a TCP connect (and TLS handshake) may take
     * @param call how long an OVSDB call waits for its answer
     * @param maxBackoff the longest wait between reconnects
     */
    public record Timeouts(Duration connect, Duration call, Duration maxBackoff) {
        /** The defaults: connect 3 s, call 10 s, reconnect at least every 2 s. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    /**
     * @return the settings this connection was made with
     */
    public ControllerSettings settings() {
        return settings;
    }

    /**
     * @return the replica, for the push channel's listener
     */
    public Replica replica() {
        return replica;
    }

    /**
     * @return the ledger of this plugin's own writes
     */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * @return the client, e.g. for the schema version
     */
    public OvsdbClient client() {
        return client;
    }

    /**
     * Waits until connected and the replica holds the database's content.
     *
     * @param timeout how long to wait at most
     * @throws ControllerUnreachableException if that does not happen in time
     */
    public void awaitReady(Duration timeout) throws ControllerUnreachableException {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (client.awaitConnected(timeout)
                    && replica.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String why = replica.lastError().map(e -> ": " + e.getMessage()).orElse(client.isConnected()
                ? ": connected, but the northbound content did not arrive" : ": not connected");
        throw new ControllerUnreachableException("northbound " + settings.northbound() + " not reachable within "
                + timeout.toMillis() + " ms" + why, null);
    }

    /**
     * The replica's content, indexed; rebuilt only when the replica changed since the last call.
     *
     * @return the current view
     */
    public NbView view() {
        synchronized (viewLock) {
            long current = generation.get();
            if (view == null || current != viewGeneration) {
                view = new NbView(replica, lsps);
                viewGeneration = current;
            }
            return view;
        }
    }

    /**
     * @return the lock every write holds from reading the view to seeing its own result in the replica
     */
    public ReentrantLock writeLock() {
        return writeLock;
    }

    /**
     * Runs one transaction of this plugin's own, and waits (at most 2 s) until the replica shows what it wrote.
     * The caller holds {@link #writeLock()}.
     *
     * @param operations the operations; nothing is sent when empty
     * @param expected for each row written (by ledger key), its fingerprint afterwards or {@link Ledger#ABSENT}
     * @throws ControllerUnreachableException if the database cannot be reached
     * @throws SdnException if the database refused the transaction
     */
    public void transact(List<Operation> operations, Map<String, String> expected) throws SdnException {
        if (operations.isEmpty()) {
            return;
        }
        expected.forEach(ledger::expect);
        try {
            client.transact(NbTables.DATABASE, operations);
        } catch (TransactionException e) {
            expected.keySet().forEach(ledger::forget);
            throw new SdnException("the OVN northbound database " + settings.northbound() + " refused the change: "
                    + e.getMessage(), e);
        } catch (NotConnectedException e) {
            expected.keySet().forEach(ledger::forget);
            throw new ControllerUnreachableException("northbound " + settings.northbound() + " not reachable: "
                    + e.getMessage(), e);
        } catch (OvsdbException e) {
            expected.keySet().forEach(ledger::forget);
            throw new ControllerUnreachableException("northbound " + settings.northbound() + ": " + e.getMessage(),
                    e);
        }
        awaitEcho(expected);
        // The replica's rows may show the write before its listeners ran (and moved the generation on): the
        // next read must not get a view cached before the write.
        synchronized (viewLock) {
            view = null;
        }
    }

    /**
     * Waits until the push channel has seen the echo of a transaction ({@link Ledger#echo}), so that the next
     * write's expectations cannot be mistaken for this one's echo, and the replica holds what it wrote. Rows the
     * replica shows as written without an echo (an update that changed nothing sends none) end the wait after
     * 50 ms; anything else after 2 s.
     */
    private void awaitEcho(Map<String, String> expected) {
        long start = System.nanoTime();
        long deadline = start + ECHO_WAIT_NANOS;
        long matched = 0;
        while (!expected.entrySet().stream().allMatch(e -> ledger.echoed(e.getKey(), e.getValue()))) {
            long now = System.nanoTime();
            if (now > deadline) {
                LOG.debug("no echo of a write to {} within 2 s (changed meanwhile?): {}", settings.northbound(),
                        expected.keySet());
                return;
            }
            if (now - start > TimeUnit.MILLISECONDS.toNanos(5)) {
                if (!Fingerprints.current(replica, expected.keySet()).equals(expected)) {
                    matched = 0;
                } else if (matched == 0) {
                    matched = now;
                } else if (now - matched > TimeUnit.MILLISECONDS.toNanos(50)) {
                    return;
                }
            }
            try {
                Thread.sleep(0, 100_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Makes sure the replica holds a logical switch port the database has, for a lookup that missed: the replica
     * lags a change made a moment ago (a pod just plugged). See {@link #awaitRow}.
     *
     * @param name the port's name
     * @return whether the database has the port
     * @throws ControllerUnreachableException if the database cannot be reached
     */
    public boolean awaitPort(String name) throws ControllerUnreachableException {
        return awaitRow(NbTables.LSP, name, v -> v.lsp(name).isPresent());
    }

    /**
     * Makes sure the replica holds a row the database has, for a lookup that missed because the replica lags a
     * change made a moment ago: asks the server directly and, if the row is there, waits (at most 2 s) until
     * the replica has it too.
     *
     * @param table the table
     * @param name the row's name
     * @param inView whether a view has the row
     * @return whether the database has the row
     * @throws ControllerUnreachableException if the database cannot be reached
     */
    public boolean awaitRow(String table, String name, Predicate<NbView> inView)
            throws ControllerUnreachableException {
        List<JsonNode> result;
        try {
            result = client.transact(NbTables.DATABASE, List.of(Operation.select(table,
                    List.of(Condition.eq("name", name)), List.of("_uuid"))));
        } catch (OvsdbException e) {
            throw new ControllerUnreachableException("northbound " + settings.northbound() + ": " + e.getMessage(),
                    e);
        }
        if (result.isEmpty() || result.get(0).path("rows").isEmpty()) {
            return false;
        }
        long deadline = System.nanoTime() + ECHO_WAIT_NANOS;
        while (!inView.test(view()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return true;
    }

    synchronized void use() {
        users++;
    }

    synchronized void release() {
        users--;
        if (users == 0) {
            idleSince = System.nanoTime();
        }
    }

    /** Whether nobody has used the connection for at least {@code idle}. */
    synchronized boolean idleFor(Duration idle) {
        return users == 0 && System.nanoTime() - idleSince >= idle.toNanos();
    }

    @Override
    public void close() {
        replica.close();
        client.close();
    }
}
