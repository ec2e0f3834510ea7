package org.osc.ovn.sdn.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.osc.sdn.api.element.InspectedElement;

/**
 * The names and ids the plugin gives its rows. OVN names of port groups may hold letters, digits and {@code _}
 * only (they become address set names, {@code $<name>_ip4}); a short hash of the original keeps two names that
 * differ only in other characters apart. Every id is derived from what OSC passes, so it is the same after a
 * restart of the plugin and when a row deleted behind OSC's back is created again.
 */
public final class Names {

    /** Prefix of a security group's port group. */
    static final String PORT_GROUP_PREFIX = "osc_pg_";
    /** Prefix of an inspection port's record. */
    static final String INSPECTION_PORT_PREFIX = "osc_ip_";
    /** Prefix of an inspection hook's id. */
    static final String HOOK_PREFIX = "osc_hook_";

    private Names() {
    }

    /**
     * @param callerName OSC's name for the group
     * @return the Port_Group name, which is also the SPI id
     */
    public static String portGroup(String callerName) {
        return PORT_GROUP_PREFIX + sanitize(callerName) + "_" + hash(callerName, 8);
    }

    /**
     * @param ingressPort the ingress logical switch port's name
     * @return the inspection port record's Port_Group name, which is also the SPI id
     */
    public static String inspectionPort(String ingressPort) {
        return INSPECTION_PORT_PREFIX + sanitize(ingressPort) + "_" + hash(ingressPort, 8);
    }

    /**
     * @param inspected the inspected element
     * @param inspectionPortId the inspection port
     * @param attempt 0, or a counter when the id is taken by a hook that moved away from the pair
     * @return the hook's id
     */
    public static String hook(InspectedElement inspected, String inspectionPortId, int attempt) {
        String id = HOOK_PREFIX + hash(inspected.kind() + "|" + inspected.id() + "|" + inspectionPortId, 12);
        return attempt == 0 ? id : id + "_" + attempt;
    }

    /** Letters, digits and '_' of the name, at most 40 characters. */
    static String sanitize(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_]", "_");
        return clean.length() > 40 ? clean.substring(0, 40) : clean;
    }

    private static String hash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }
}
