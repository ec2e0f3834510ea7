package org.osc.simcluster.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pod IPs from one IPv4 CIDR, keyed by pod uid. An address is never handed out twice while its pod exists, and
 * allocation moves on round-robin rather than taking the lowest free address, so an IP just released is not
 * reused at once (a consumer that is late to see a pod's deletion must not see its IP on a new pod).
 */
public final class IpPool {

    private final int base;
    /** Offset of the first address handed out (1 = the first host address). */
    private final int first;
    private final int size;
    private final Map<String, Integer> byUid = new HashMap<>();
    private final Map<Integer, String> byOffset = new HashMap<>();
    private int cursor;

    /**
     * @param cidr e.g. {@code 10.244.0.0/16}; prefixes longer than /30 leave no host addresses and are refused
     */
    public IpPool(String cidr) {
        this(cidr, 0);
    }

    /**
     * @param cidr see {@link #IpPool(String)}
     * @param reservedLow how many host addresses at the start of the range are never handed out or claimed, e.g.
     *        1 for a node subnet whose first address is its gateway
     */
    public IpPool(String cidr, int reservedLow) {
        String[] parts = cidr.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("pod CIDR prefix must be /8 to /30: " + cidr);
        }
        int mask = (int) (0xFFFFFFFFL << (32 - prefix));
        this.base = parse(parts[0]) & mask;
        // host addresses only: the network and broadcast addresses are left out
        int hosts = (1 << (32 - prefix)) - 2;
        if (reservedLow < 0 || reservedLow >= hosts) {
            throw new IllegalArgumentException("cannot reserve " + reservedLow + " of the " + hosts
                    + " host addresses of " + cidr);
        }
        this.first = 1 + reservedLow;
        this.size = hosts - reservedLow;
    }

    /**
     * @param uid pod uid
     * @return the pod's address, a new one if it had none
     * @throws IllegalStateException if every address is in use
     */
    public synchronized String allocate(String uid) {
        Integer existing = byUid.get(uid);
        if (existing != null) {
            return format(existing);
        }
        for (int tried = 0; tried < size; tried++) {
            int offset = first + cursor;
            cursor = (cursor + 1) % size;
            if (!byOffset.containsKey(offset)) {
                byUid.put(uid, offset);
                byOffset.put(offset, uid);
                return format(offset);
            }
        }
        throw new IllegalStateException("pod CIDR exhausted: " + size + " addresses in use");
    }

    /**
     * Records an address a pod already has (e.g. after a restart). Addresses outside the range, or taken by
     * another pod, are not recorded.
     *
     * @param uid pod uid
     * @param ip the pod's {@code status.podIP}
     * @return true if the pod now owns the address in this pool
     */
    public synchronized boolean claim(String uid, String ip) {
        Optional<Integer> offset = offsetOf(ip);
        if (offset.isEmpty()) {
            return false;
        }
        String owner = byOffset.get(offset.get());
        if (owner != null) {
            return owner.equals(uid);
        }
        Integer previous = byUid.put(uid, offset.get());
        if (previous != null) {
            byOffset.remove(previous);
        }
        byOffset.put(offset.get(), uid);
        // continue after the highest address seen, so that after a restart new pods do not get addresses
        // that were released just before it
        int position = offset.get() - first;
        if (position >= cursor) {
            cursor = (position + 1) % size;
        }
        return true;
    }

    /** @param uid pod uid whose address becomes free */
    public synchronized void release(String uid) {
        Integer offset = byUid.remove(uid);
        if (offset != null) {
            byOffset.remove(offset);
        }
    }

    /**
     * Frees the addresses of pods that no longer exist: a safety net for a missed delete event.
     *
     * @param liveUids uids of every pod that exists
     */
    public synchronized void retainOnly(Collection<String> liveUids) {
        Set<String> live = new HashSet<>(liveUids);
        byUid.keySet().removeIf(uid -> !live.contains(uid));
        byOffset.values().removeIf(uid -> !live.contains(uid));
    }

    /** @return how many addresses are in use */
    public synchronized int inUse() {
        return byUid.size();
    }

    private Optional<Integer> offsetOf(String ip) {
        if (ip == null || ip.isBlank()) {
            return Optional.empty();
        }
        int offset;
        try {
            offset = parse(ip) - base;
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return offset >= first && offset < first + size ? Optional.of(offset) : Optional.empty();
    }

    private String format(int offset) {
        int ip = base + offset;
        return ((ip >>> 24) & 0xFF) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    private static int parse(String dotted) {
        String[] octets = dotted.trim().split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int ip = 0;
        for (String octet : octets) {
            int v = Integer.parseInt(octet);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            ip = (ip << 8) | v;
        }
        return ip;
    }
}
