package org.osc.simcluster.server;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open watches, so that they can be expired with a real {@code 410 Gone}. The mock keeps its own watch
 * listeners private; each one is wrapped here on its way out of the dispatcher and forwards every callback.
 */
final class WatchRegistry {

    /**
     * What an API server sends when a watch's resourceVersion has been compacted away (see the Kubernetes API
     * concepts, "410 Gone responses"); fabric8 informers react to it by relisting.
     */
    static final String GONE_EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: expired by sim-cluster"
            + " (POST /simcluster/expire-watches)\",\"reason\":\"Expired\",\"code\":410}}";

    private static final int NORMAL_CLOSURE = 1000;

    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();

    /**
     * @param delegate the mock's listener for one watch
     * @return a listener that behaves the same and keeps the socket in this registry while it is open
     */
    WebSocketListener track(WebSocketListener delegate) {
        return new Tracked(delegate);
    }

    /**
     * Sends every open watch the 410 ERROR event and closes it.
     *
     * @return how many watches were expired
     */
    int expireAll() {
        int expired = 0;
        for (WebSocket socket : open) {
            if (open.remove(socket)) {
                socket.send(GONE_EVENT);
                socket.close(NORMAL_CLOSURE, "watch expired");
                expired++;
            }
        }
        return expired;
    }

    /** @return how many watches are open */
    int openCount() {
        return open.size();
    }

    private final class Tracked extends WebSocketListener {
        private final WebSocketListener delegate;

        Tracked(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            open.add(webSocket);
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            open.remove(webSocket);
            delegate.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            open.remove(webSocket);
            delegate.onFailure(webSocket, error, response);
        }
    }
}
