package org.osc.server.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies (a Kubernetes ingress controller, a load balancer) whose {@code X-Forwarded-For} header OSC
 * believes, as networks in CIDR notation ({@code OSC_TRUSTED_PROXIES}, none by default). A request whose socket peer
 * is one of them gets as its client address the right-most entry of {@code X-Forwarded-For} that is not itself a
 * trusted proxy: each proxy appends the address it saw, so the entries right of that one were written by proxies
 * OSC trusts, and anything left of it may be the client's own invention. A request from any other peer keeps the
 * peer's address, whatever headers it sends.
 */
public final class TrustedProxies {

    /** No proxy trusted: every request's address is its socket peer's. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]{7,15}):\\d{1,5}");
    private static final Pattern IPV6_WITH_PORT = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](:\\d{1,5})?");
    /** At most this many entries of the header are looked at, right to left. */
    private static final int MAX_HOPS = 32;

    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = networks;
    }

    /**
     * @param list networks separated by commas or white space: {@code 10.0.0.0/8}, {@code fd00::/8}, or single
     *     addresses ({@code 192.0.2.7}); blank for none
     * @throws IllegalArgumentException naming the entry that is not an IP address or network
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Network> networks = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            networks.add(Network.parse(entry));
        }
        return new TrustedProxies(List.copyOf(networks));
    }

    /** @return whether no proxy is trusted */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /**
     * @param peer the socket peer's address, as the servlet gives it
     * @param forwardedFor the values of the request's {@code X-Forwarded-For} headers, in order (may be empty)
     * @return the client's address: the peer's, unless the peer is a trusted proxy and the header names the
     *     address it forwarded for (an entry that is no IP address stops the walk: the last trusted hop is used)
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (networks.isEmpty() || peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        String client = peer;
        for (int i = entries.size() - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--, hops++) {
            Optional<InetAddress> hop = address(entries.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        return address(address).map(this::trusted).orElse(false);
    }

    private boolean trusted(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /**
     * @return the address of an IP literal (IPv6 possibly in brackets, either with a port), never asking DNS;
     *     empty for anything else
     */
    static Optional<InetAddress> address(String text) {
        String literal = text.trim();
        var v4Port = IPV4_WITH_PORT.matcher(literal);
        var v6Port = IPV6_WITH_PORT.matcher(literal);
        if (v4Port.matches()) {
            literal = v4Port.group(1);
        } else if (v6Port.matches()) {
            literal = v6Port.group(1);
        }
        // Only literals reach InetAddress: a dotted quad checked here, or text with a colon, which it parses as an
        // IPv6 literal without a lookup.
        boolean v4 = IPV4.matcher(literal).matches();
        if (!v4 && !(literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return networks.toString();
    }

    /** One trusted network: an address and how many of its leading bits must match. */
    private record Network(byte[] bytes, int prefix, String text) {

        static Network parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = address(host).filter(a -> host.indexOf('[') < 0 && host.indexOf(']') < 0)
                    .orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not an IP address or a "
                            + "network in CIDR notation (such as 10.0.0.0/8 or fd00::/8)"));
            byte[] network = address.getAddress();
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0 to "
                            + network.length * 8);
                }
            }
            return new Network(network, prefix, entry);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != bytes.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != bytes[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (other[full] & mask) == (bytes[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
