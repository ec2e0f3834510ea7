package org.osc.api.manager.element;

import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How the manager sees one device member (VNF) right now.
 *
 * @param memberId manager-side id of the member
 * @param memberName the member's name (OSC's instance name)
 * @param discovered the manager has seen the VNF itself, not only its registration
 * @param inspectionReady the VNF has its policies and can inspect traffic
 * @param counters manager-defined counters by name (e.g. {@code packetsIn}); never {@code null}
 */
@ProviderType
public record DeviceMemberStatusElement(String memberId, String memberName, boolean discovered,
        boolean inspectionReady, Map<String, Long> counters) {

    /**
     * Rejects {@code null} ids and takes an immutable copy of the counters.
     *
     * @param memberId manager-side id of the member
     * @param memberName the member's name (OSC's instance name)
     * @param discovered the manager has seen the VNF itself, not only its registration
     * @param inspectionReady the VNF has its policies and can inspect traffic
     * @param counters manager-defined counters by name (e.g. {@code packetsIn}); never {@code null}
     */
    public DeviceMemberStatusElement {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(memberName, "memberName");
        counters = counters == null ? Map.of() : Map.copyOf(counters);
    }
}
