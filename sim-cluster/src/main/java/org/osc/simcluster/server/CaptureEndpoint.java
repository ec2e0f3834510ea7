package org.osc.simcluster.server;

import io.fabric8.mockwebserver.http.MockResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code GET /simcluster/captures/NAMESPACE/POD}: in network mode, the capture of a VNF pod as text (the
 * {@code tcpdump -l -n -e} lines of {@code LAB/captures/<namespace>_<pod>.txt}), for a client that does not share
 * the lab's folder. 404 when network mode is off or the pod has no capture, 400 naming a malformed name.
 */
final class CaptureEndpoint {

    static final String PREFIX = "/simcluster/captures/";
    /** Kubernetes object names (DNS-1123 subdomain): nothing here can leave the captures folder. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private volatile Path dir;

    /** @param capturesDir the lab's {@code captures} folder; network mode is on from now */
    void serve(Path capturesDir) {
        this.dir = capturesDir;
    }

    /**
     * @param path the request path without its query, starting with {@link #PREFIX}
     * @return the capture, or a Status saying why not
     */
    MockResponse answer(String path) {
        Path captures = dir;
        if (captures == null) {
            return SimDispatcher.status(404, "NotFound", "captures exist in network mode only (--network-lab DIR)");
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2) {
            return SimDispatcher.status(404, "NotFound", "use GET " + PREFIX + "NAMESPACE/POD");
        }
        if (!NAME.matcher(parts[0]).matches()) {
            return SimDispatcher.status(400, "BadRequest", "namespace: not a Kubernetes name: " + parts[0]);
        }
        if (!NAME.matcher(parts[1]).matches()) {
            return SimDispatcher.status(400, "BadRequest", "pod: not a Kubernetes name: " + parts[1]);
        }
        Path file = captures.resolve(parts[0] + "_" + parts[1] + ".txt");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain; charset=utf-8")
                    .setBody(text);
        } catch (IOException e) {
            return SimDispatcher.status(404, "NotFound", "no capture of VNF pod " + parts[0] + "/" + parts[1]
                    + " (only OSC's VNF pods are captured)");
        }
    }
}
