package org.osc.sdn.api.element;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How redirected traffic is tagged towards the inspection port, with the largest tag each encapsulation can
 * carry. A controller lists the ones it supports in {@code osc.sdn.supportedEncapsulations} (by name).
 */
@ProviderType
public enum TagEncapsulation {
    /** IEEE 802.1Q VLAN id, 0 to 4094. */
    VLAN(4094),
    /** VXLAN network identifier, 24 bits. */
    VXLAN((1L << 24) - 1),
    /** MPLS label, 20 bits. */
    MPLS((1L << 20) - 1),
    /** Untagged: the tag must be 0. */
    NONE(0);

    private final long maxTag;

    TagEncapsulation(long maxTag) {
        this.maxTag = maxTag;
    }

    /**
     * The largest tag value this encapsulation carries; tags range from 0 to this value.
     *
     * @return the maximum tag, 0 for {@link #NONE}
     */
    public long maxTag() {
        return maxTag;
    }
}
