package org.osc.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies INGRESS = TrustedProxies.parse("10.0.0.0/8, 192.0.2.7 fd00::/8");

    @Test
    void anUntrustedPeerKeepsItsAddressWhateverItForwards() {
        assertEquals("198.51.100.1", INGRESS.clientAddress("198.51.100.1", List.of("203.0.113.9")));
        assertEquals("192.0.2.8", INGRESS.clientAddress("192.0.2.8", List.of("10.1.1.1")), "a /32 is one address");
        assertEquals("127.0.0.1", TrustedProxies.NONE.clientAddress("127.0.0.1", List.of("203.0.113.9")),
                "no proxy trusted by default");
    }

    @Test
    void aTrustedPeerGivesTheRightMostUntrustedEntry() {
        assertEquals("203.0.113.9", INGRESS.clientAddress("10.2.3.4", List.of("203.0.113.9")));
        // the client wrote "1.2.3.4" itself; the ingress appended what it saw, another trusted proxy its peer
        assertEquals("203.0.113.9", INGRESS.clientAddress("10.2.3.4", List.of("1.2.3.4, 203.0.113.9", "10.9.9.9")));
        assertEquals("2001:db8:0:0:0:0:0:5", INGRESS.clientAddress("fd00::1", List.of("2001:db8::5, fd00::2")));
        assertEquals("203.0.113.9", INGRESS.clientAddress("192.0.2.7", List.of("203.0.113.9:4711")), "with a port");
        assertEquals("2001:db8:0:0:0:0:0:5", INGRESS.clientAddress("10.0.0.1", List.of("[2001:db8::5]:443")));
    }

    @Test
    void aTrustedPeerWithoutAUsableHeaderIsTheClient() {
        assertEquals("10.2.3.4", INGRESS.clientAddress("10.2.3.4", List.of()));
        assertEquals("10.2.3.4", INGRESS.clientAddress("10.2.3.4", List.of(" , ")));
        assertEquals("10.2.3.4", INGRESS.clientAddress("10.2.3.4", List.of("unknown")), "no IP address: the peer");
        assertEquals("10.9.9.9", INGRESS.clientAddress("10.2.3.4", List.of("evil.example, 10.9.9.9")),
                "a name left of trusted hops: the last trusted hop, never the name (no DNS lookup)");
        assertEquals("10.1.1.1", INGRESS.clientAddress("10.2.3.4", List.of("10.1.1.1, 10.9.9.9")),
                "every hop trusted: the left-most");
        assertEquals("10.2.3.4", INGRESS.clientAddress("10.2.3.4", List.of("999.1.1.1")), "no address");
    }

    @Test
    void networksOfAnyPrefixLength() {
        TrustedProxies odd = TrustedProxies.parse("172.16.0.0/12,0.0.0.0/0");
        assertEquals("203.0.113.9", odd.clientAddress("172.31.255.254", List.of("203.0.113.9")));
        TrustedProxies twelve = TrustedProxies.parse("172.16.0.0/12");
        assertEquals("172.32.0.1", twelve.clientAddress("172.32.0.1", List.of("203.0.113.9")), "outside the /12");
        assertEquals("203.0.113.9", twelve.clientAddress("172.16.0.1", List.of("203.0.113.9")));
        assertEquals("203.0.113.9", twelve.clientAddress("::ffff:172.16.0.1", List.of("203.0.113.9")),
                "an IPv4-mapped peer is its IPv4 address");
        assertTrue(TrustedProxies.parse(" ").isEmpty());
    }

    @Test
    void aBadEntryIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/8,ingress"))
                .getMessage().contains("'ingress'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"))
                .getMessage().contains("'10.0.0.0/33'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("fd00::/x"))
                .getMessage().contains("'fd00::/x'"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.256"));
    }
}
