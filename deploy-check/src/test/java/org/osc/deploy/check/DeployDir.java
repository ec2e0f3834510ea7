package org.osc.deploy.check;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Where the manifests are, and the kubectl the tests use. */
final class DeployDir {

    private DeployDir() {
    }

    /** @return the repository's {@code deploy/} folder (system property {@code osc.deploy.dir}, set by the pom) */
    static Path path() {
        Path dir = Path.of(System.getProperty("osc.deploy.dir", "../deploy")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            fail("no kustomization.yaml in " + dir);
        }
        return dir;
    }

    /**
     * @return kubectl; without it the calling test is skipped, or fails when {@code OSC_REQUIRE_KUBECTL} is set
     *     (as CI does, which installs it)
     */
    static Kubectl kubectl() {
        var kubectl = Kubectl.find();
        if (kubectl.isEmpty()) {
            String why = "kubectl is not on the PATH (Debian: apt-get install kubernetes-client)";
            if (System.getenv("OSC_REQUIRE_KUBECTL") != null && !System.getenv("OSC_REQUIRE_KUBECTL").isBlank()) {
                fail("OSC_REQUIRE_KUBECTL is set but " + why);
            }
            Assumptions.abort(why);
        }
        return kubectl.get();
    }
}
