package org.osc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads request bodies and text values from files ({@code -f FILE}, {@code -f -} for stdin): JSON when the
 * text starts with a brace, YAML otherwise, so that either works whatever the file is called.
 */
public final class BodyInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private BodyInput() {
    }

    /**
     * @param file a path, or {@code -} for stdin
     * @param stdin what {@code -} reads
     * @return the object the file holds
     * @throws CliException usage (exit 2) when the file cannot be read or is not a JSON/YAML object
     */
    public static ObjectNode object(String file, InputStream stdin) {
        String text = text(file, stdin);
        String start = text.stripLeading();
        JsonNode tree;
        try {
            tree = start.startsWith("{") || start.startsWith("[") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw CliException.usage("cannot parse " + name(file) + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw CliException.usage(name(file) + " must hold one JSON or YAML object");
        }
        return (ObjectNode) tree;
    }

    /**
     * @param file a path, or {@code -} for stdin
     * @param stdin what {@code -} reads
     * @return its text
     * @throws CliException usage (exit 2) when it cannot be read
     */
    public static String text(String file, InputStream stdin) {
        try {
            return "-".equals(file) ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw CliException.usage("cannot read " + name(file) + ": no such file");
        } catch (IOException e) {
            throw CliException.usage("cannot read " + name(file) + ": " + e.getMessage());
        }
    }

    private static String name(String file) {
        return "-".equals(file) ? "stdin" : file;
    }
}
