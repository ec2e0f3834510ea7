package org.osc.ovsdb;

import java.util.Objects;

/**
 * Where an OVSDB server listens, in the notation of {@code ovsdb-client} and {@code ovn-nbctl --db}:
 * {@code tcp:HOST:PORT} or {@code ssl:HOST:PORT} (an IPv6 host in brackets, e.g. {@code tcp:[::1]:6641}).
 *
 * @param ssl true for {@code ssl:}
 * @param host the host name or address, without brackets
 * @param port the TCP port
 */
public record OvsdbRemote(boolean ssl, String host, int port) {

    /**
     * @param ssl true for {@code ssl:}
     * @param host the host
     * @param port the port
     */
    public OvsdbRemote {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * @param remote {@code tcp:HOST:PORT} or {@code ssl:HOST:PORT}
     * @return the parsed remote
     * @throws IllegalArgumentException if it is neither
     */
    public static OvsdbRemote parse(String remote) {
        String[] kind = remote.split(":", 2);
        if (kind.length != 2 || !(kind[0].equals("tcp") || kind[0].equals("ssl"))) {
            throw new IllegalArgumentException("an OVSDB remote is tcp:HOST:PORT or ssl:HOST:PORT, not " + remote);
        }
        int colon = kind[1].lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no port in OVSDB remote " + remote);
        }
        String host = kind[1].substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new OvsdbRemote(kind[0].equals("ssl"), host, Integer.parseInt(kind[1].substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in OVSDB remote " + remote, e);
        }
    }

    @Override
    public String toString() {
        return (ssl ? "ssl:" : "tcp:") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
