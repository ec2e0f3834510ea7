package org.osc.simcluster.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the kubeconfig that points kubectl and fabric8 at the simulator: plain HTTP on 127.0.0.1 (both accept
 * it; no certificate). With {@code --token-file} it carries the token the simulator then requires.
 */
final class Kubeconfig {

    static final String NAME = "sim-cluster";

    private Kubeconfig() {
    }

    static String render(String serverUrl, String token) {
        return String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: " + NAME,
                "  cluster:",
                "    server: " + serverUrl,
                "contexts:",
                "- name: " + NAME,
                "  context:",
                "    cluster: " + NAME,
                "    user: " + NAME,
                "    namespace: default",
                "current-context: " + NAME,
                "users:",
                "- name: " + NAME,
                token == null ? "  user: {}" : "  user:\n    token: " + token,
                "preferences: {}",
                "");
    }

    /** Written beside the target and moved over it, so a reader never sees half a file. */
    static void write(Path file, String serverUrl, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, render(serverUrl, token), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
