package org.osc.simcluster.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's store on disk: one JSON document with the last resourceVersion handed out and every object
 * with the API path it lives at. Written to a temporary file and moved over the old one, so a crash during a
 * save leaves the previous state intact.
 *
 * <pre>{"format":"osc-sim-cluster-state/1","resourceVersion":42,"objects":[{"path":"/api/v1/namespaces/default/pods/a","object":{...}}]}</pre>
 */
final class StateFile {

    static final String FORMAT = "osc-sim-cluster-state/1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One stored object and the item path it is served at. */
    record StoredObject(String path, String json) {
    }

    /** The whole store at one instant. */
    record Snapshot(long resourceVersion, List<StoredObject> objects) {
    }

    private StateFile() {
    }

    static void write(Path file, Snapshot snapshot) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                 JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeStringField("format", FORMAT);
                json.writeNumberField("resourceVersion", snapshot.resourceVersion());
                json.writeArrayFieldStart("objects");
                for (StoredObject object : snapshot.objects()) {
                    json.writeStartObject();
                    json.writeStringField("path", object.path());
                    json.writeFieldName("object");
                    // stored objects are already JSON: copy them as they are rather than parse them again
                    json.writeRawValue(object.json());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Snapshot read(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a sim-cluster state file (format " + FORMAT + ")");
        }
        List<StoredObject> objects = new ArrayList<>();
        for (JsonNode entry : root.path("objects")) {
            objects.add(new StoredObject(entry.path("path").asText(), MAPPER.writeValueAsString(entry.get("object"))));
        }
        return new Snapshot(root.path("resourceVersion").asLong(), objects);
    }
}
