package org.osc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
        JsonNode tree = tree(file, stdin);
        if (tree == null || !tree.isObject()) {
            throw CliException.usage(name(file) + " must hold one JSON or YAML object");
        }
        return (ObjectNode) tree;
    }

    /**
     * @param file a path, or {@code -} for stdin
     * @param stdin what {@code -} reads
     * @param field where an object holds the list
     * @return the list the file holds: the file is a JSON/YAML list, or an object with the list under {@code field}
     * @throws CliException usage (exit 2) when the file cannot be read or holds no such list
     */
    public static ArrayNode list(String file, InputStream stdin, String field) {
        JsonNode tree = tree(file, stdin);
        if (tree != null && tree.isObject() && tree.get(field) instanceof ArrayNode items) {
            return items;
        }
        if (tree instanceof ArrayNode items) {
            return items;
        }
        throw CliException.usage(name(file) + " must hold a JSON or YAML list, or an object with the list under '"
                + field + "'");
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

    /** @return the file parsed as JSON when it starts like JSON, else as YAML; null when empty */
    private static JsonNode tree(String file, InputStream stdin) {
        String text = text(file, stdin);
        String start = text.stripLeading();
        try {
            return start.startsWith("{") || start.startsWith("[") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw CliException.usage("cannot parse " + name(file) + ": " + e.getOriginalMessage());
        }
    }

    private static String name(String file) {
        return "-".equals(file) ? "stdin" : file;
    }
}
