package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user sees when starting the distribution (bin/osc) for the first time: a few INFO lines and the
 * URL, no warning that looks like a failed start.
 */
class CleanStartIT {

    @TempDir
    Path home;

    @Test
    void aCleanStartPrintsAFewInfoLinesAndTheUrl() throws Exception {
        try (DistributionProcess server = new DistributionProcess(home, "clean-start-admin")) {
            server.start();
            Thread.sleep(2000); // what the plugins and the first reconciles print right after the start
            List<String> lines = server.console().lines().filter(l -> !l.isBlank()).toList();
            String all = String.join("\n", lines);
            assertEquals(List.of(), lines.stream().filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*"))
                    .toList(), "only INFO lines:\n" + all);
            assertTrue(lines.size() <= 12, lines.size() + " lines:\n" + all);
            assertTrue(lines.stream().anyMatch(l -> l.contains("OSC listens on " + server.url() + "/api")), all);
        }
    }
}
