package org.osc.itests.dist;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relays TCP connections from a loopback port of its own to a target port, until {@linkplain #cut() cut}: every
 * connection is closed and no new one is accepted (connections are refused), as when the target's host or the
 * network goes down; {@linkplain #restore() restored}, it accepts again on the same port.
 */
final class TcpRelay implements AutoCloseable {

    private final int port;
    private final int target;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    /** A relay to the target port, on a free port; not accepting until {@link #restore()}. */
    TcpRelay(int target) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.target = target;
    }

    /** @return the loopback port clients connect to */
    int port() {
        return port;
    }

    /** Accepts connections (again) and relays them to the target. */
    void restore() throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", port));
        open.add(listener);
        daemon(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket("127.0.0.1", target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    /** Cuts every connection and stops accepting new ones. */
    void cut() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "tcp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(Socket from, Socket to) {
        daemon(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // cut
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        });
    }
}
