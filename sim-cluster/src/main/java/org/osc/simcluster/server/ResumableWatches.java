package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongSupplier;

/**
 * Watches that start where the watcher's resourceVersion says, as a real API server's do. The mock's own watch
 * ignores {@code resourceVersion}: it sends every current object as ADDED and nothing about what was deleted, so
 * a client that lists and then watches (every informer) keeps, for ever, a pod deleted between its list and its
 * watch. Here every change of the store is kept in a bounded history, in resourceVersion order, and a watch:
 * <ul>
 * <li>without a resourceVersion (or {@code "0"}) gets the current objects as ADDED, then every change;</li>
 * <li>with one that the history covers gets exactly the changes after it, then every change;</li>
 * <li>with one older than the history (the history is bounded, and starts empty when the process starts, as a
 * compacted etcd would) gets {@code 410 Gone} ("too old resource version"), so the client relists.</li>
 * </ul>
 * A deletion gets a resourceVersion of its own, carried by the DELETED object, as on a real API server.
 *
 * <p>Every method runs under the store's monitor (the caller's), so a watch's replay and its registration for
 * later changes see the store at one point in time; events are sent in order from under that monitor (the mock's
 * WebSocket send only queues).
 */
final class ResumableWatches {

    /** One change of the store: the object's keys and JSON before and after (null when absent). */
    private record Change(long version, AttributeSet before, AttributeSet after, String old, String now) {
    }

    private final int capacity;
    private final LongSupplier nextVersion;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final Set<Watch> watches = new CopyOnWriteArraySet<>();
    /** Changes after this version are all in the history. */
    private long coveredFrom;

    /**
     * @param capacity how many changes the history keeps
     * @param nextVersion hands out a new resourceVersion (for deletions)
     */
    ResumableWatches(int capacity, LongSupplier nextVersion) {
        this.capacity = capacity;
        this.nextVersion = nextVersion;
    }

    /** Forgets the history: watches from a version before {@code version} get 410 from now on (a restart). */
    void startAt(long version) {
        history.clear();
        coveredFrom = version;
    }

    /**
     * Records a change of the store and sends it to the open watches it concerns. Call under the store's monitor,
     * after the store changed.
     *
     * @param before the object's keys before (null for a create)
     * @param after its keys after (null for a delete)
     * @param old its JSON before (null for a create)
     * @param now its JSON after (null for a delete)
     */
    void changed(AttributeSet before, AttributeSet after, String old, String now) {
        if (Objects.equals(old, now)) {
            return;
        }
        Change change;
        if (now == null) {
            long version = nextVersion.getAsLong();
            change = new Change(version, before, null, withVersion(old, version), null);
        } else {
            change = new Change(versionOf(now), before, after, old, now);
        }
        history.addLast(change);
        while (history.size() > capacity) {
            coveredFrom = history.removeFirst().version();
        }
        for (Watch watch : watches) {
            watch.send(change);
        }
    }

    /**
     * @param query what the watch selects (the mock's attributes of its path)
     * @param resourceVersion the version it starts after, or null
     * @param monitor the store's monitor, taken when the watch opens
     * @param store the current objects, read when the watch opens without a version
     * @return the listener serving the watch
     */
    WebSocketListener watch(AttributeSet query, String resourceVersion, Object monitor,
            Map<AttributeSet, String> store) {
        return new Watch(query, resourceVersion, monitor, store);
    }

    private static long versionOf(String json) {
        JsonNode version = Serialization.unmarshal(json, JsonNode.class).path("metadata").path("resourceVersion");
        try {
            return Long.parseLong(version.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String withVersion(String json, long version) {
        JsonNode node = Serialization.unmarshal(json, JsonNode.class);
        if (node.path("metadata") instanceof ObjectNode metadata) {
            metadata.put("resourceVersion", Long.toString(version));
        }
        return Serialization.asJson(node);
    }

    private static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
    }

    /** One open watch. */
    private final class Watch extends WebSocketListener {
        private final AttributeSet query;
        private final String resourceVersion;
        private final Object monitor;
        private final Map<AttributeSet, String> store;
        private volatile WebSocket socket;

        Watch(AttributeSet query, String resourceVersion, Object monitor, Map<AttributeSet, String> store) {
            this.query = query;
            this.resourceVersion = resourceVersion;
            this.monitor = monitor;
            this.store = store;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            synchronized (monitor) {
                long from = parse(resourceVersion);
                if (from <= 0) {
                    List<String> objects = new ArrayList<>();
                    synchronized (store) {
                        store.forEach((keys, json) -> {
                            if (keys.matches(query)) {
                                objects.add(json);
                            }
                        });
                    }
                    objects.forEach(json -> webSocket.send(event("ADDED", json)));
                } else if (from < coveredFrom) {
                    webSocket.send(WatchRegistry.GONE_EVENT.replace("expired by sim-cluster (POST "
                            + "/simcluster/expire-watches)", "sim-cluster's history starts after " + from));
                    webSocket.close(1000, "too old resource version");
                    return;
                } else {
                    for (Change change : history) {
                        if (change.version() > from) {
                            send(change);
                        }
                    }
                }
                watches.add(this);
            }
        }

        void send(Change change) {
            WebSocket webSocket = socket;
            if (webSocket == null) {
                return;
            }
            boolean wasIn = change.before() != null && change.before().matches(query);
            boolean isIn = change.after() != null && change.after().matches(query);
            if (wasIn && isIn) {
                webSocket.send(event("MODIFIED", change.now()));
            } else if (wasIn) {
                webSocket.send(event("DELETED", change.old()));
            } else if (isIn) {
                webSocket.send(event("ADDED", change.now()));
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watches.remove(this);
            webSocket.close(code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            watches.remove(this);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            watches.remove(this);
        }

        private long parse(String version) {
            try {
                return version == null || version.isBlank() ? 0 : Long.parseLong(version);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
