package org.osc.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.osc.ovsdb.NotConnectedException;
import org.osc.ovsdb.OvsdbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON-RPC 1.0 session over one socket, as OVSDB speaks it: JSON objects back to back with no delimiter,
 * requests with ids matched to their responses, notifications (null id) handed on, and the server's
 * {@code echo} requests answered. It never reconnects: the client makes a new one.
 */
public final class JsonRpcConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcConnection.class);

    /** What the connection hands to its owner. Called on the reader thread, in the order of the stream. */
    public interface Listener {
        /**
         * @param method the notification's method
         * @param params its params
         */
        void onNotification(String method, JsonNode params);

        /**
         * @param cause why the connection ended (the socket broke, or it was closed)
         */
        void onClosed(Throwable cause);
    }

    private record Pending(String method, BiConsumer<JsonNode, OvsdbException> callback, AtomicBoolean done,
            AtomicReference<ScheduledFuture<?>> timeout) {
        void finish(JsonNode result, OvsdbException error) {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> t = timeout.get();
                if (t != null) {
                    t.cancel(false);
                }
                callback.accept(result, error);
            }
        }
    }

    private final String peer;
    private final Socket socket;
    private final OutputStream out;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private volatile long lastReceived = System.nanoTime();
    private volatile long probeSent;

    /**
     * Starts reading from a connected socket on a daemon thread of its own.
     *
     * @param peer the remote, for messages
     * @param socket the connected socket
     * @param mapper the mapper for reading and writing
     * @param timer runs call timeouts
     * @param listener told of notifications and of the end
     * @throws IOException if the socket's streams cannot be opened
     */
    public JsonRpcConnection(String peer, Socket socket, ObjectMapper mapper, ScheduledExecutorService timer,
            Listener listener) throws IOException {
        this.peer = peer;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.mapper = mapper;
        this.timer = timer;
        this.listener = listener;
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> readLoop(in), "ovsdb-reader " + peer);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends a request. The callback is called exactly once: with the result, or with an error when the server
     * answers with one, the timeout passes or the connection ends first. A response's callback runs on the
     * reader thread before any later message is handled, so it must not block.
     *
     * @param method the method
     * @param params its params (an array)
     * @param timeout how long to wait for the response
     * @param callback receives the result or the error
     */
    public void call(String method, JsonNode params, Duration timeout,
            BiConsumer<JsonNode, OvsdbException> callback) {
        long id = ids.incrementAndGet();
        Pending call = new Pending(method, callback, new AtomicBoolean(), new AtomicReference<>());
        pending.put(id, call);
        if (closed.isDone()) {
            pending.remove(id);
            call.finish(null, new NotConnectedException(method + " not sent: the connection to " + peer
                    + " is closed"));
            return;
        }
        call.timeout().set(timer.schedule(() -> {
            if (pending.remove(id) != null) {
                call.finish(null, new OvsdbException(method + " to " + peer + " got no answer within "
                        + timeout.toMillis() + " ms"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS));
        ObjectNode request = mapper.createObjectNode();
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        try {
            send(request);
        } catch (IOException e) {
            pending.remove(id);
            call.finish(null, new NotConnectedException(method + " not sent to " + peer + ": " + e.getMessage(), e));
            close(e);
        }
    }

    /**
     * @return when the keepalive last sent an echo on this connection ({@link System#nanoTime()}), or 0
     */
    public long probeSent() {
        return probeSent;
    }

    /**
     * @param nanoTime when the keepalive sent an echo
     */
    public void probeSent(long nanoTime) {
        this.probeSent = nanoTime;
    }

    /**
     * @return when the last message arrived, in {@link System#nanoTime()} terms
     */
    public long lastReceived() {
        return lastReceived;
    }

    /**
     * @return completes with the cause when the connection has ended
     */
    public CompletableFuture<Throwable> closed() {
        return closed;
    }

    private void send(JsonNode message) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(message);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    private void readLoop(InputStream in) {
        Throwable cause;
        try (MappingIterator<JsonNode> messages = mapper.readerFor(JsonNode.class).readValues(in)) {
            while (messages.hasNextValue()) {
                JsonNode message = messages.nextValue();
                lastReceived = System.nanoTime();
                handle(message);
            }
            cause = new IOException("the server closed the connection");
        } catch (IOException | RuntimeException e) {
            cause = e;
        }
        close(cause);
    }

    private void handle(JsonNode message) throws IOException {
        JsonNode id = message.path("id");
        JsonNode method = message.get("method");
        if (method != null && method.isTextual()) {
            if (id.isMissingNode() || id.isNull()) {
                listener.onNotification(method.textValue(), message.path("params"));
            } else if (method.textValue().equals("echo")) {
                ObjectNode reply = mapper.createObjectNode();
                reply.set("id", id);
                reply.set("result", message.path("params"));
                reply.putNull("error");
                send(reply);
            } else {
                ObjectNode reply = mapper.createObjectNode();
                reply.set("id", id);
                reply.putNull("result");
                reply.put("error", "unknown method");
                send(reply);
            }
            return;
        }
        Pending call = id.canConvertToLong() ? pending.remove(id.longValue()) : null;
        if (call == null) {
            LOG.debug("response from {} to no pending call: {}", peer, message);
            return;
        }
        JsonNode error = message.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String text = error.isTextual() ? error.textValue() : error.toString();
            call.finish(null, new OvsdbException(call.method() + " failed on " + peer + ": " + text));
        } else {
            call.finish(message.path("result"), null);
        }
    }

    /**
     * Closes the socket; pending calls fail with a {@link NotConnectedException}.
     *
     * @param cause why, for the messages
     */
    public void close(Throwable cause) {
        if (!closed.complete(cause)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the socket to {}", peer, e);
        }
        List<Pending> lost = new ArrayList<>(pending.values());
        pending.clear();
        String reason = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        for (Pending call : lost) {
            call.finish(null, new NotConnectedException(call.method() + " to " + peer
                    + " lost its answer: the connection ended (" + reason + ")", cause));
        }
        listener.onClosed(cause);
    }

    @Override
    public void close() {
        close(new IOException("closed by the client"));
    }
}
