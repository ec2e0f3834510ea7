package org.osc.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.osc.ovsdb.internal.JsonRpcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one OVSDB server. It connects in the background and reconnects by itself after the connection
 * ends, waiting 100 ms at first and doubling up to 10 s (both configurable) while the server stays away. While
 * connected it sends an {@code echo} when nothing has arrived for the echo interval and drops the connection
 * when nothing arrives for twice that. Calls made while disconnected fail at once with a
 * {@link NotConnectedException}; calls in flight when the connection ends fail with one too. Monitors are sent
 * again after each reconnect.
 *
 * <p>Thread-safe. Build one with {@link #builder(OvsdbRemote)}, and {@link #close()} it when done.
 */
public final class OvsdbClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OvsdbClient.class);

    private final OvsdbRemote remote;
    private final OvsdbTls tls;
    private final SSLContext sslContext;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final Duration echoInterval;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService timer;
    private final ExecutorService events;
    private final Map<String, OvsdbMonitor> monitors = new ConcurrentHashMap<>();
    private final AtomicLong monitorIds = new AtomicLong();
    private final Object lock = new Object();
    private final Thread supervisor;
    private volatile JsonRpcConnection connection;
    private volatile boolean closed;

    private OvsdbClient(Builder b) {
        this.remote = b.remote;
        this.tls = b.tls;
        this.sslContext = b.sslContext;
        this.callTimeout = b.callTimeout;
        this.connectTimeout = b.connectTimeout;
        this.echoInterval = b.echoInterval;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ovsdb-timer " + remote));
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "ovsdb-events " + remote));
        this.supervisor = daemon(this::superviseConnection, "ovsdb-connect " + remote);
        long probe = Math.max(10, echoInterval.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::probe, probe, probe, TimeUnit.MILLISECONDS);
        supervisor.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * @param remote the server
     * @return a builder with the defaults (calls time out after 10 s, echo every 5 s, backoff 100 ms to 10 s)
     */
    public static Builder builder(OvsdbRemote remote) {
        return new Builder(remote);
    }

    /**
     * @return the server this client talks to
     */
    public OvsdbRemote remote() {
        return remote;
    }

    /**
     * @return whether a connection is up at the moment
     */
    public boolean isConnected() {
        JsonRpcConnection c = connection;
        return c != null && !c.closed().isDone();
    }

    /**
     * Waits until the client is connected.
     *
     * @param timeout how long to wait at most
     * @return whether it is connected
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!isConnected() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return isConnected();
    }

    /**
     * Sends a request on the current connection.
     *
     * @param method the JSON-RPC method
     * @param params its params (a JSON array)
     * @return the result, or failed with an {@link OvsdbException} ({@link NotConnectedException} if there is no
     *     connection or it ends before the answer)
     */
    public CompletableFuture<JsonNode> call(String method, JsonNode params) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        JsonRpcConnection c = connection;
        if (closed || c == null) {
            result.completeExceptionally(new NotConnectedException(method + " not sent: "
                    + (closed ? "the client is closed" : "not connected to " + remote + " (reconnecting)")));
            return result;
        }
        c.call(method, params, callTimeout, (value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /**
     * @return the names of the server's databases
     * @throws OvsdbException if the call fails
     */
    public List<String> listDbs() {
        List<String> names = new ArrayList<>();
        await(call("list_dbs", mapper.createArrayNode())).forEach(n -> names.add(n.asText()));
        return names;
    }

    /**
     * @param database a database
     * @return its schema, as the server sends it
     * @throws OvsdbException if the call fails (e.g. an unknown database)
     */
    public JsonNode getSchema(String database) {
        return await(call("get_schema", mapper.createArrayNode().add(database)));
    }

    /**
     * Sends an {@code echo} and waits for the answer.
     *
     * @return the round-trip time
     * @throws OvsdbException if the call fails
     */
    public Duration echo() {
        long start = System.nanoTime();
        await(call("echo", mapper.createArrayNode().add("ping")));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Runs a transaction: all operations or none.
     *
     * @param database the database
     * @param operations the operations, in order
     * @return each operation's result (e.g. {@code {"uuid": ["uuid", ...]}} for an insert, {@code {"rows": [...]}}
     *     for a select, {@code {"count": n}} for update, mutate and delete)
     * @throws TransactionException if an operation failed or the commit was refused (nothing was applied)
     * @throws OvsdbException if the call failed otherwise
     */
    public List<JsonNode> transact(String database, List<Operation> operations) {
        ArrayNode params = mapper.createArrayNode().add(database);
        operations.forEach(op -> params.add(op.json()));
        JsonNode result = await(call("transact", params));
        List<JsonNode> results = new ArrayList<>();
        List<OperationError> errors = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            JsonNode r = result.get(i);
            results.add(r);
            if (r.hasNonNull("error")) {
                String op = i < operations.size() ? operations.get(i).op() : "commit";
                errors.add(new OperationError(i, op, r.get("error").asText(), r.path("details").asText("")));
            }
        }
        if (!errors.isEmpty()) {
            throw new TransactionException(database, errors);
        }
        return results.subList(0, Math.min(results.size(), operations.size()));
    }

    /**
     * Starts a monitor: the handler gets the current content now (if connected) and after every reconnect,
     * and the changes in between, until the monitor is closed.
     *
     * @param database the database
     * @param tables the tables and, for each, the columns to monitor (an empty list for all)
     * @param handler receives the content and the changes
     * @return the monitor; close it to stop
     */
    public OvsdbMonitor monitor(String database, Map<String, List<String>> tables, MonitorHandler handler) {
        OvsdbMonitor monitor = new OvsdbMonitor(this, "m" + monitorIds.incrementAndGet(), database, tables,
                Objects.requireNonNull(handler, "handler"));
        // under the lock so that a connection being established sends it exactly once
        synchronized (lock) {
            monitors.put(monitor.id(), monitor);
            JsonRpcConnection c = connection;
            if (c != null) {
                sendMonitor(c, monitor);
            }
        }
        return monitor;
    }

    void cancel(OvsdbMonitor monitor) {
        if (monitors.remove(monitor.id()) != null && isConnected()) {
            call("monitor_cancel", mapper.createArrayNode().add(monitor.id()));
        }
    }

    private void sendMonitor(JsonRpcConnection c, OvsdbMonitor monitor) {
        // The callback runs on the reader thread before the next message is read, so queueing the initial
        // content here keeps it ahead of the updates that follow it on the wire.
        c.call("monitor", monitor.request(mapper), callTimeout, (result, error) -> post(() -> {
            if (!monitors.containsKey(monitor.id()) || c != connection) {
                return;
            }
            if (error != null) {
                LOG.warn("monitor {} on {}: {}", monitor.id(), remote, error.getMessage());
                monitor.handler().onError(error);
            } else {
                monitor.handler().onInitial(result);
            }
        }));
    }

    private void post(Runnable event) {
        if (closed) {
            return;
        }
        events.execute(() -> {
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.warn("a monitor handler of {} failed", remote, e);
            }
        });
    }

    private JsonNode await(CompletableFuture<JsonNode> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OvsdbException o) {
                throw o;
            }
            throw new OvsdbException("OVSDB call to " + remote + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbException("interrupted while waiting for " + remote, e);
        }
    }

    private void superviseConnection() {
        long backoff = minBackoff.toMillis();
        String lastFailure = null;
        while (!closed) {
            JsonRpcConnection c = null;
            try {
                c = open();
                backoff = minBackoff.toMillis();
                lastFailure = null;
                LOG.info("connected to OVSDB server {}", remote);
                JsonRpcConnection up = c;
                synchronized (lock) {
                    connection = up;
                    monitors.values().forEach(m -> sendMonitor(up, m));
                    lock.notifyAll();
                }
                Throwable cause = c.closed().get();
                if (!closed) {
                    LOG.warn("connection to OVSDB server {} ended: {}", remote, cause.getMessage());
                }
            } catch (IOException | RuntimeException e) {
                // once per kind of failure, so a wrong certificate is visible without a line every backoff
                String failure = e.toString();
                if (!failure.equals(lastFailure)) {
                    LOG.warn("cannot connect to OVSDB server {}: {} (retrying)", remote, failure);
                    lastFailure = failure;
                } else {
                    LOG.debug("cannot connect to OVSDB server {}: {}", remote, failure);
                }
            } catch (ExecutionException e) {
                LOG.debug("connection to {} ended", remote, e);
            } catch (InterruptedException e) {
                break;
            } finally {
                if (c != null) {
                    connection = null;
                    c.close();
                    post(() -> monitors.values().forEach(m -> m.handler().onDisconnected()));
                }
            }
            if (closed) {
                break;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(backoff * 2, maxBackoff.toMillis());
        }
    }

    private JsonRpcConnection open() throws IOException {
        Socket socket = !remote.ssl() ? new Socket()
                : (sslContext != null ? sslContext : tls.sslContext()).getSocketFactory().createSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(remote.host(), remote.port()), (int) connectTimeout.toMillis());
            if (socket instanceof SSLSocket ssl) {
                ssl.setSoTimeout((int) connectTimeout.toMillis());
                ssl.startHandshake();
                ssl.setSoTimeout(0);
            }
            return new JsonRpcConnection(remote.toString(), socket, mapper, timer, new JsonRpcConnection.Listener() {
                @Override
                public void onNotification(String method, JsonNode params) {
                    dispatch(method, params);
                }

                @Override
                public void onClosed(Throwable cause) {
                    // the supervisor waits on the connection's closed() future and reconnects
                }
            });
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void dispatch(String method, JsonNode params) {
        if (!method.equals("update") || params.size() < 2) {
            LOG.debug("ignored notification {} from {}", method, remote);
            return;
        }
        OvsdbMonitor monitor = monitors.get(params.get(0).asText());
        if (monitor != null) {
            JsonNode updates = params.get(1);
            post(() -> {
                if (monitors.containsKey(monitor.id())) {
                    monitor.handler().onUpdate(updates);
                }
            });
        }
    }

    private void probe() {
        JsonRpcConnection c = connection;
        if (c == null || c.closed().isDone()) {
            return;
        }
        // as OVS's jsonrpc sessions do: idle for an interval, send an echo; nothing for another interval, drop
        long now = System.nanoTime();
        long received = c.lastReceived();
        if (now - received < echoInterval.toNanos()) {
            return;
        }
        long sent = c.probeSent();
        if (sent == 0 || sent - received < 0) {
            c.probeSent(now);
            c.call("echo", mapper.createArrayNode().add("keepalive"), echoInterval, (r, e) -> { });
        } else if (now - sent >= echoInterval.toNanos()) {
            c.close(new IOException("no message from the server for " + TimeUnit.NANOSECONDS.toMillis(now - received)
                    + " ms (echo unanswered)"));
        }
    }

    /**
     * Closes the connection and stops reconnecting; pending calls fail with a {@link NotConnectedException}.
     */
    @Override
    public void close() {
        closed = true;
        supervisor.interrupt();
        JsonRpcConnection c = connection;
        if (c != null) {
            c.close();
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        timer.shutdownNow();
        events.shutdown();
    }

    /**
     * Settings of an {@link OvsdbClient}.
     */
    public static final class Builder {
        private final OvsdbRemote remote;
        private OvsdbTls tls;
        private SSLContext sslContext;
        private Duration callTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration echoInterval = Duration.ofSeconds(5);
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(10);

        private Builder(OvsdbRemote remote) {
            this.remote = Objects.requireNonNull(remote, "remote");
        }

        /**
         * @param files the key, certificate and CA for an {@code ssl:} remote
         * @return this
         */
        public Builder tls(OvsdbTls files) {
            this.tls = files;
            return this;
        }

        /**
         * Uses a ready TLS context for an {@code ssl:} remote instead of files, e.g. one built with
         * {@link OvsdbTls#sslContext(String, String, String)}; it wins over {@link #tls(OvsdbTls)}.
         *
         * @param context the TLS context with the client's key and the trusted CA
         * @return this
         * @since 1.1
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * @param timeout how long a call waits for its answer
         * @return this
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout);
            return this;
        }

        /**
         * @param timeout how long a TCP connect and TLS handshake may take
         * @return this
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /**
         * @param interval idle time after which an echo is sent; twice it without a message drops the connection
         * @return this
         */
        public Builder echoInterval(Duration interval) {
            this.echoInterval = positive(interval);
            return this;
        }

        /**
         * @param min the first wait before reconnecting
         * @param max the longest wait, reached by doubling
         * @return this
         */
        public Builder backoff(Duration min, Duration max) {
            if (positive(max).compareTo(positive(min)) < 0) {
                throw new IllegalArgumentException("max backoff below min backoff");
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Starts the client; it connects in the background (see {@link OvsdbClient#awaitConnected(Duration)}).
         *
         * @return the client
         */
        public OvsdbClient connect() {
            if (remote.ssl() && tls == null && sslContext == null) {
                throw new IllegalStateException("an ssl: remote needs the TLS files: " + remote);
            }
            return new OvsdbClient(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("not a positive duration: " + d);
            }
            return d;
        }
    }
}
