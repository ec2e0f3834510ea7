package org.osc.simcluster.server;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpPoolTest {

    @Test
    void allocatesHostAddressesOnceEach() {
        IpPool pool = new IpPool("10.1.2.0/29");
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            ips.add(pool.allocate("pod-" + i));
        }
        assertEquals(Set.of("10.1.2.1", "10.1.2.2", "10.1.2.3", "10.1.2.4", "10.1.2.5", "10.1.2.6"), ips);
        assertThrows(IllegalStateException.class, () -> pool.allocate("one-too-many"));
    }

    @Test
    void samePodKeepsItsAddress() {
        IpPool pool = new IpPool("10.244.0.0/16");
        assertEquals(pool.allocate("a"), pool.allocate("a"));
        assertEquals(1, pool.inUse());
    }

    @Test
    void releasedAddressIsNotReusedAtOnce() {
        IpPool pool = new IpPool("10.244.0.0/16");
        String first = pool.allocate("a");
        pool.release("a");
        assertNotEquals(first, pool.allocate("b"));
    }

    @Test
    void claimRecordsExistingAddressesAndRefusesConflicts() {
        IpPool pool = new IpPool("10.244.0.0/16");
        assertTrue(pool.claim("a", "10.244.0.1"));
        assertFalse(pool.claim("b", "10.244.0.1"), "taken by another pod");
        assertFalse(pool.claim("c", "192.168.0.1"), "outside the range");
        assertFalse(pool.claim("d", "10.244.0.0"), "network address");
        assertNotEquals("10.244.0.1", pool.allocate("e"));
    }

    @Test
    void allocationContinuesAfterTheHighestClaimedAddress() {
        IpPool pool = new IpPool("10.244.0.0/16");
        pool.claim("restored", "10.244.0.7");
        assertEquals("10.244.0.8", pool.allocate("new"));
    }

    @Test
    void retainOnlyFreesAddressesOfVanishedPods() {
        IpPool pool = new IpPool("10.0.0.0/30");
        pool.allocate("a");
        pool.allocate("b");
        pool.retainOnly(List.of("b"));
        assertEquals(1, pool.inUse());
        pool.allocate("c");
        assertEquals(2, pool.inUse());
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> new IpPool("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> new IpPool("10.0.0.0/31"));
        assertThrows(IllegalArgumentException.class, () -> new IpPool("10.0.300.0/24"));
    }

    @Test
    void reservedLowAddressesAreNeverHandedOutOrClaimed() {
        IpPool pool = new IpPool("10.244.1.0/29", 1);
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ips.add(pool.allocate("pod-" + i));
        }
        assertEquals(Set.of("10.244.1.2", "10.244.1.3", "10.244.1.4", "10.244.1.5", "10.244.1.6"), ips);
        assertThrows(IllegalStateException.class, () -> pool.allocate("one-too-many"));
        assertFalse(new IpPool("10.244.1.0/24", 1).claim("gw", "10.244.1.1"));
        assertThrows(IllegalArgumentException.class, () -> new IpPool("10.244.1.0/30", 2));
    }
}
