package org.osc.simcluster;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts a lab for a network-mode test, or skips the test when no lab can run here (not root, OVN packages
 * missing), unless {@code OSC_REQUIRE_OVN} is set (as in CI): then it fails.
 */
final class OvnLabFixture {

    private OvnLabFixture() {
    }

    static OvnLabScript start(Path dir, int nodes) throws IOException {
        Optional<String> why = OvnLabScript.unavailable();
        if (why.isPresent()) {
            if (System.getenv("OSC_REQUIRE_OVN") != null) {
                throw new IllegalStateException("OSC_REQUIRE_OVN is set but " + why.get());
            }
            Assumptions.abort(why.get());
        }
        return OvnLabScript.start(dir, nodes);
    }
}
