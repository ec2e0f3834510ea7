package org.osc.simcluster.server.net;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodNetworksAnnotationTest {

    @Test
    void macIsDerivedFromTheIpAsOvnKubernetesDoes() {
        assertEquals("0a:58:0a:f4:01:05", PodNetworksAnnotation.macOf("10.244.1.5"));
        assertEquals("0a:58:0a:f4:fe:ff", PodNetworksAnnotation.macOf("10.244.254.255"));
    }

    @Test
    void roundTripAndOvnKubernetesFields() {
        PodNetworksAnnotation.Assignment a = new PodNetworksAnnotation.Assignment("10.244.2.7", 24,
                "0a:58:0a:f4:02:07", "10.244.2.1");
        String value = PodNetworksAnnotation.render(a);
        assertTrue(value.contains("\"ip_addresses\":[\"10.244.2.7/24\"]"), value);
        assertTrue(value.contains("\"mac_address\":\"0a:58:0a:f4:02:07\""), value);
        assertTrue(value.contains("\"gateway_ips\":[\"10.244.2.1\"]"), value);
        assertEquals(Optional.of(a), PodNetworksAnnotation.parse(value));
    }

    @Test
    void readsWhatOvnKubernetesWrites() {
        String written = "{\"default\":{\"ip_addresses\":[\"10.244.0.5/24\"],\"mac_address\":\"0a:58:0a:f4:00:05\","
                + "\"gateway_ips\":[\"10.244.0.1\"],\"routes\":[],\"ip_address\":\"10.244.0.5/24\","
                + "\"gateway_ip\":\"10.244.0.1\",\"role\":\"primary\"}}";
        assertEquals(Optional.of(new PodNetworksAnnotation.Assignment("10.244.0.5", 24, "0a:58:0a:f4:00:05",
                "10.244.0.1")), PodNetworksAnnotation.parse(written));
    }

    @Test
    void missingOrBrokenValuesAreEmpty() {
        assertEquals(Optional.empty(), PodNetworksAnnotation.parse(null));
        assertEquals(Optional.empty(), PodNetworksAnnotation.parse("not json"));
        assertEquals(Optional.empty(), PodNetworksAnnotation.parse("{\"other\":{}}"));
        assertEquals(Optional.empty(), PodNetworksAnnotation.parse("{\"default\":{\"ip_addresses\":[\"10.1.1.1\"],"
                + "\"mac_address\":\"0a:58:0a:01:01:01\"}}"), "no prefix length");
    }
}
