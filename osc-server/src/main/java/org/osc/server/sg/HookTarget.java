package org.osc.server.sg;

import java.util.List;
import java.util.Optional;

/**
 * Which inspection port a binding's hook redirects to. Ready VNFs first: the one at the group id's hash among
 * them, so that groups spread over the VNF pods and each keeps its VNF while that set does not change.
 *
 * <p>With no ready VNF, and a plugin that follows inspection ports' health, the hook stays where it is if that
 * port is still a candidate (else it goes to one), and the plugin applies the binding's failure policy: the
 * traffic is blocked (FAIL_CLOSE) or passes direct (FAIL_OPEN) until a VNF is ready again. Candidates are the
 * VNFs that are not ready and, for FAIL_CLOSE only, those whose pod went while their spec stays (scaled to zero,
 * or being replaced): their traffic must stay blocked, so their inspection port waits for the next VNF. Other
 * policies let a going VNF's hook go with it (the traffic passes direct, as FAIL_OPEN would). A plugin that does
 * not follow health gets a live VNF even if it is not ready, as before health was known. No candidate: no hook.
 */
final class HookTarget {

    private HookTarget() {
    }

    /**
     * @param groupId the security group, whose hash spreads groups over the VNFs
     * @param ports the virtual system's inspection ports by readiness
     * @param currentPort the port the hook redirects to now, or null when there is no hook
     * @param healthTracked whether the SDN plugin follows inspection ports' health (supports failure policies)
     * @param failClose whether the binding's failure policy is FAIL_CLOSE
     * @return the port to redirect to, or empty when the hook must go
     */
    static Optional<String> pick(long groupId, GroupSnapshot.Ports ports, String currentPort, boolean healthTracked,
            boolean failClose) {
        if (!ports.ready().isEmpty()) {
            return Optional.of(at(groupId, ports.ready()));
        }
        List<String> fallback = healthTracked && failClose ? ports.standby() : ports.notReady();
        if (fallback.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(currentPort != null && fallback.contains(currentPort) ? currentPort : at(groupId, fallback));
    }

    private static String at(long groupId, List<String> ports) {
        return ports.get(Math.floorMod(Long.hashCode(groupId), ports.size()));
    }
}
