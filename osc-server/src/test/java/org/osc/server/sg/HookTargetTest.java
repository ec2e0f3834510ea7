package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osc.server.sg.GroupSnapshot.Ports;

/** Where a binding's hook goes, by the readiness of the VNFs, the plugin and the failure policy. */
class HookTargetTest {

    private static final Ports TWO_READY = new Ports(List.of("a", "b"), List.of("c"), List.of("d"));
    private static final Ports NONE_READY = new Ports(List.of(), List.of("c", "e"), List.of("d"));
    private static final Ports ONLY_LEAVING = new Ports(List.of(), List.of(), List.of("d"));

    @Test
    void readyVnfsAreSpreadByGroupWhateverTheHookHadBefore() {
        assertEquals(Optional.of("a"), HookTarget.pick(2, TWO_READY, "c", true, true));
        assertEquals(Optional.of("b"), HookTarget.pick(3, TWO_READY, "a", true, false));
        assertEquals(Optional.of("b"), HookTarget.pick(3, TWO_READY, null, false, false));
    }

    @Test
    void withNoneReadyTheHookStaysOnACandidateForItsFailurePolicy() {
        assertEquals(Optional.of("e"), HookTarget.pick(2, NONE_READY, "e", true, false), "stays where it is");
        assertEquals(Optional.of("c"), HookTarget.pick(2, NONE_READY, null, true, false), "or gets a candidate");
        assertEquals(Optional.of("d"), HookTarget.pick(2, NONE_READY, "d", true, true), "FAIL_CLOSE: a going one too");
        assertEquals(Optional.of("c"), HookTarget.pick(2, NONE_READY, "d", true, false), "not otherwise");
    }

    @Test
    void theLastVnfGoingKeepsOnlyAFailClosedHookOfAPluginThatFollowsHealth() {
        assertEquals(Optional.of("d"), HookTarget.pick(1, ONLY_LEAVING, "d", true, true));
        assertEquals(Optional.empty(), HookTarget.pick(1, ONLY_LEAVING, "d", true, false));
        assertEquals(Optional.empty(), HookTarget.pick(1, ONLY_LEAVING, "d", false, true), "the plugin cannot block");
        assertEquals(Optional.empty(), HookTarget.pick(1, new Ports(List.of(), List.of(), List.of()), null, true, true));
    }
}
