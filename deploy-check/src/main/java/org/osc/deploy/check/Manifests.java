package org.osc.deploy.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads Kubernetes objects from YAML: a stream of documents (kubectl's rendering, a manifest file), or the files a
 * plain kustomization lists. The kustomization may only list resources: a patch, generator or transformer would
 * make the files say something other than what is applied, so it is refused.
 */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> PLAIN_FIELDS = Set.of("apiVersion", "kind", "resources");

    private Manifests() {
    }

    /**
     * @param yaml one or more YAML documents separated by {@code ---}
     * @return the objects, in order; empty documents are skipped
     * @throws IllegalArgumentException when the text is not YAML or a document is not a mapping with a kind
     */
    public static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!(document instanceof ObjectNode object) || !object.path("kind").isTextual()) {
                    throw new IllegalArgumentException("a YAML document is not a Kubernetes object (no kind): "
                            + abbreviate(document.toString()));
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    /**
     * @param directory a folder with a {@code kustomization.yaml} that only lists resource files
     * @return the objects of those files, in the order listed
     * @throws IllegalArgumentException when the kustomization uses more than {@code resources}, or lists a folder
     */
    public static List<ObjectNode> ofKustomization(Path directory) {
        JsonNode kustomization;
        try {
            kustomization = YAML.readTree(read(directory.resolve("kustomization.yaml")));
        } catch (IOException e) {
            throw new IllegalArgumentException(directory + "/kustomization.yaml is not YAML: " + e.getMessage(), e);
        }
        List<String> extra = new ArrayList<>();
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!PLAIN_FIELDS.contains(field)) {
                extra.add(field);
            }
        });
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(directory + "/kustomization.yaml uses " + extra
                    + ": only resources are allowed, so that the files say what is applied");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = directory.resolve(resource.asText());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(directory + "/kustomization.yaml lists " + resource.asText()
                        + ", which is not a file");
            }
            objects.addAll(parse(read(file)));
        }
        return objects;
    }

    /** @return {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object */
    public static String describe(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        return object.path("kind").asText() + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + metadata.path("name").asText("?");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
