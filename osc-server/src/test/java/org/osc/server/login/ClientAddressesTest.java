package org.osc.server.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void ipv4AsItIsIpv6ByItsSlash64() {
        assertEquals("192.0.2.1", ClientAddresses.key("192.0.2.1"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddresses.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddresses.key("[2001:db8:1:2::1]"));
        assertEquals("192.0.2.1", ClientAddresses.key("::ffff:192.0.2.1"), "IPv4-mapped: the IPv4 address");
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.key(null));
        assertEquals(ClientAddresses.UNKNOWN, ClientAddresses.key(""));
    }

    @Test
    void aNameIsNeverLookedUp() {
        assertEquals("localhost", ClientAddresses.key("localhost"));
    }
}
