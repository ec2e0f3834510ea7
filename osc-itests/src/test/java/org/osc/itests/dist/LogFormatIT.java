package org.osc.itests.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The log format as a setting of {@code etc/osc.properties}, as an operator sets it: {@code osc.log.format=json}
 * in the file makes {@code data/logs/osc.log} one JSON object a line (with the start line among them), and the
 * environment variable {@code OSC_LOG_FORMAT=text} still wins over the file.
 */
class LogFormatIT {

    private static final String PASSWORD = "log-format-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void thePropertiesFileSwitchesToJsonAndTheEnvironmentWins() throws Exception {
        try (DistributionProcess server = new DistributionProcess(folder.resolve("json"), PASSWORD)) {
            setLogFormat(server.home(), "json");
            server.start();
            List<String> lines = oscLog(server.home());
            assertFalse(lines.isEmpty(), "osc.log has lines");
            boolean startLine = false;
            for (String line : lines) {
                JsonNode node = JSON.readTree(line);
                assertTrue(node.isObject() && node.has("level") && node.has("formattedMessage"),
                        "a JSON log object: " + line);
                startLine |= node.path("formattedMessage").asText().startsWith("OSC listens on https://");
            }
            assertTrue(startLine, "the start line is among the JSON lines: " + lines);
        }
        try (DistributionProcess server = new DistributionProcess(folder.resolve("text"), PASSWORD)) {
            setLogFormat(server.home(), "json");
            server.env("OSC_LOG_FORMAT", "text");
            server.start();
            List<String> lines = oscLog(server.home());
            assertTrue(lines.stream().anyMatch(l -> l.contains(" INFO ") && l.contains("OSC listens on https://")),
                    "a text start line: " + lines);
            assertEquals(0, lines.stream().filter(l -> l.startsWith("{")).count(), "no JSON line: " + lines);
        }
    }

    /** Sets {@code osc.log.format} in the distribution's {@code etc/osc.properties}, as an operator edits it. */
    private static void setLogFormat(Path home, String format) throws Exception {
        Path file = home.resolve("etc/osc.properties");
        String properties = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(properties.contains("\nosc.log.format=text\n"), "the shipped file sets the format");
        Files.writeString(file, properties.replace("\nosc.log.format=text\n", "\nosc.log.format=" + format + "\n"),
                StandardCharsets.ISO_8859_1);
    }

    private static List<String> oscLog(Path home) throws Exception {
        return Files.readAllLines(home.resolve("data/logs/osc.log"), StandardCharsets.UTF_8);
    }
}
