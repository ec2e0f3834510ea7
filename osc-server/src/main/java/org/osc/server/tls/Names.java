package org.osc.server.tls;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names a generated certificate is for: the bind address, the host's name, {@code localhost} and
 * {@code 127.0.0.1}; bound to the wildcard address, the host's own addresses as well.
 */
public final class Names {

    private Names() {
    }

    /**
     * @param bindAddress the address the API listens on ({@code OSC_BIND_ADDRESS})
     * @return the names, the bind address first unless it is the wildcard address (then the host name)
     */
    public static Set<String> forServer(String bindAddress) {
        Set<String> names = new LinkedHashSet<>();
        boolean wildcard = isWildcard(bindAddress);
        if (!wildcard) {
            names.add(bindAddress);
        }
        hostName().ifPresent(names::add);
        names.add("localhost");
        names.add("127.0.0.1");
        if (wildcard) {
            names.addAll(hostAddresses());
        }
        return names;
    }

    /**
     * The names a generated certificate must still cover to be reused: the bind address (unless the wildcard),
     * {@code localhost} and {@code 127.0.0.1}. The host's name and addresses may change without making a new one.
     */
    static Set<String> required(String bindAddress) {
        Set<String> names = new LinkedHashSet<>();
        if (!isWildcard(bindAddress)) {
            names.add(bindAddress);
        }
        names.add("localhost");
        names.add("127.0.0.1");
        return names;
    }

    /** @return the names of the certificate's subject alternative names, IP addresses in the JDK's text form */
    static Set<String> of(X509Certificate certificate) {
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return Collections.emptySet();
            }
            Set<String> names = new HashSet<>();
            for (List<?> name : all) {
                names.add(canonical(String.valueOf(name.get(1))));
            }
            return names;
        } catch (CertificateParsingException e) {
            return Collections.emptySet();
        }
    }

    /** @return whether the certificate names every one of these */
    static boolean covers(X509Certificate certificate, Set<String> names) {
        Set<String> present = of(certificate);
        return names.stream().map(Names::canonical).allMatch(present::contains);
    }

    /** @return whether the text is an IP address literal (IPv4, or IPv6 with colons) */
    static boolean isAddress(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** @return an address without its IPv6 scope ({@code %eth0}) */
    static String stripScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }

    private static String canonical(String name) {
        if (isAddress(name)) {
            try {
                return InetAddress.getByName(stripScope(name)).getHostAddress();
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isWildcard(String address) {
        try {
            return isAddress(address) && InetAddress.getByName(stripScope(address)).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() || isAddress(name) ? Optional.empty()
                    : Optional.of(name.toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Set<String> hostAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(stripScope(address.getHostAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            // the names above are still there
        }
        return addresses;
    }
}
