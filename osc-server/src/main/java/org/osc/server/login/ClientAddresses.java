package org.osc.server.login;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The key failures are counted under for a client address: an IPv4 address as it is, an IPv6 address by its /64
 * network (one host commonly has a whole /64, so counting single IPv6 addresses would let it change address with
 * every attempt). The address is the one the REST layer tells ({@code rest.ClientAddress}): the socket's peer, or,
 * when that peer is a trusted proxy ({@code OSC_TRUSTED_PROXIES}), the address it forwarded for.
 */
final class ClientAddresses {

    /** What the address of a request is counted under when the server could not tell it. */
    static final String UNKNOWN = "unknown";

    /** An IP literal: resolving anything else could ask DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?");

    private ClientAddresses() {
    }

    /** @return the key of the address (a socket's peer address, as servlets give it) */
    static String key(String given) {
        if (given == null || given.isBlank()) {
            return UNKNOWN;
        }
        // Some servers write an IPv6 address in brackets, as in a URL.
        String address = given.startsWith("[") && given.endsWith("]") ? given.substring(1, given.length() - 1) : given;
        if (!LITERAL.matcher(address).matches()) {
            return address.length() > 64 ? address.substring(0, 64) : address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] network = parsed.getAddress();
                for (int i = 8; i < 16; i++) {
                    network[i] = 0;
                }
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
