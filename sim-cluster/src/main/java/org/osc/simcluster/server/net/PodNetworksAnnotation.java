package org.osc.simcluster.server.net;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The pod annotation OVN-Kubernetes writes before the CNI plugs a pod, {@value #NAME}, for the default network:
 * <pre>{"default":{"ip_addresses":["10.244.1.5/24"],"mac_address":"0a:58:0a:f4:01:05",
 *   "gateway_ips":["10.244.1.1"],"ip_address":"10.244.1.5/24","gateway_ip":"10.244.1.1"}}</pre>
 * ({@code ip_address} and {@code gateway_ip} are the older single-address fields OVN-Kubernetes still writes.)
 * The MAC is derived from the IP as OVN-Kubernetes does: {@code 0a:58} followed by the address's four bytes.
 */
public final class PodNetworksAnnotation {

    /** The annotation's key. */
    public static final String NAME = "k8s.ovn.org/pod-networks";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pod's address on the default network. */
    public record Assignment(String ip, int prefixLength, String mac, String gateway) {
    }

    private PodNetworksAnnotation() {
    }

    /**
     * @param ip an IPv4 address
     * @return its MAC as OVN-Kubernetes derives it, e.g. {@code 0a:58:0a:f4:01:05} for 10.244.1.5
     */
    public static String macOf(String ip) {
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        StringBuilder mac = new StringBuilder("0a:58");
        for (String octet : octets) {
            mac.append(String.format(":%02x", Integer.parseInt(octet)));
        }
        return mac.toString();
    }

    /** @return the annotation's value */
    public static String render(Assignment a) {
        String cidr = a.ip() + "/" + a.prefixLength();
        Map<String, Object> network = Map.of(
                "ip_addresses", List.of(cidr),
                "mac_address", a.mac(),
                "gateway_ips", List.of(a.gateway()),
                "ip_address", cidr,
                "gateway_ip", a.gateway());
        try {
            return JSON.writeValueAsString(Map.of("default", network));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + NAME, e);
        }
    }

    /**
     * @param value the annotation's value, possibly null
     * @return the default network's address, empty when the value is missing or not understood
     */
    public static Optional<Assignment> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode network = JSON.readTree(value).path("default");
            String cidr = network.path("ip_addresses").path(0).asText(network.path("ip_address").asText(""));
            String mac = network.path("mac_address").asText("");
            String gateway = network.path("gateway_ips").path(0).asText(network.path("gateway_ip").asText(""));
            String[] ipPrefix = cidr.split("/");
            if (ipPrefix.length != 2 || mac.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Assignment(ipPrefix[0], Integer.parseInt(ipPrefix[1]), mac, gateway));
        } catch (JsonProcessingException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
