package org.osc.sample.manager;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.osc.api.manager.ManagerValidationException;

/** Input checks shared by the sample's sub-APIs; each failure names the offending field. */
final class Checks {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private Checks() {
    }

    static void notBlank(String field, String value) throws ManagerValidationException {
        if (value == null || value.isBlank()) {
            throw new ManagerValidationException(field, "must not be blank");
        }
    }

    static void notNegative(String field, long value) throws ManagerValidationException {
        if (value < 0) {
            throw new ManagerValidationException(field, "must not be negative");
        }
    }

    static void ipAddresses(String field, List<String> addresses) throws ManagerValidationException {
        for (String address : addresses) {
            if (!isIpLiteral(address)) {
                throw new ManagerValidationException(field, "'" + address + "' is not an IP address");
            }
        }
    }

    static void macAddresses(String field, List<String> addresses) throws ManagerValidationException {
        for (String address : addresses) {
            if (!MAC.matcher(address).matches()) {
                throw new ManagerValidationException(field, "'" + address + "' is not a MAC address");
            }
        }
    }

    /**
     * Accepts IPv4 and IPv6 literals only. IPv6 is left to the JDK's parser, which never resolves a name
     * containing a colon, so this check cannot trigger a DNS lookup.
     */
    static boolean isIpLiteral(String address) {
        if (IPV4.matcher(address).matches()) {
            return true;
        }
        if (!address.contains(":") || !IPV6_CHARS.matcher(address).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
