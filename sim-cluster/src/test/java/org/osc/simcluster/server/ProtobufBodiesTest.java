package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protobuf bodies to JSON: messages built field by field with protobuf-java's CodedOutputStream (field numbers from
 * the Kubernetes generated.proto files), plus bodies kubectl 1.32 sent, as captured on the wire.
 */
class ProtobufBodiesTest {

    /** {@code kubectl create namespace shop}, as kubectl 1.32 sent it. */
    private static final String KUBECTL_CREATE_NS = "6b3873000a0f0a02763112094e616d657370616365121c0a140a0473686f70"
            + "12001a0022002a0032003800420012001a020a001a002200";

    /** {@code kubectl auth can-i list pods -n shop}, as kubectl 1.32 sent it. */
    private static final String KUBECTL_CAN_I = "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753"
            + "656c665375626a656374416363657373526576696577123a0a100a0012001a0022002a00320038004200121c0a1a0a0473686f"
            + "7012046c6973741a0022002a04706f647332003a001a08080012001a0020001a002200";

    @Test
    void namespaceFromKubectl() throws Exception {
        JsonNode json = decode(HexFormat.of().parseHex(KUBECTL_CREATE_NS));
        assertEquals("v1", json.path("apiVersion").asText());
        assertEquals("Namespace", json.path("kind").asText());
        assertEquals("{\"name\":\"shop\"}", json.path("metadata").toString(), "empty strings are left out");
    }

    @Test
    void accessReviewFromKubectl() throws Exception {
        JsonNode json = decode(HexFormat.of().parseHex(KUBECTL_CAN_I));
        assertEquals("authorization.k8s.io/v1", json.path("apiVersion").asText());
        assertEquals("SelfSubjectAccessReview", json.path("kind").asText());
        assertEquals("{\"namespace\":\"shop\",\"verb\":\"list\",\"resource\":\"pods\"}",
                json.path("spec").path("resourceAttributes").toString());
        assertTrue(json.path("status").isMissingNode(), "the client's empty status is not passed on");
    }

    @Test
    void namespaceWithMetadataAndFinalizers() throws Exception {
        byte[] meta = message(out -> {
            out.writeString(1, "shop");
            out.writeString(5, "a-uid-the-server-sets");
            out.writeInt64(7, 3);
            out.writeBytes(11, entry("team", "web"));
            out.writeBytes(11, entry("tier", "front"));
            out.writeBytes(12, entry("note", "made by kubectl"));
            out.writeString(14, "example.com/keep");
            out.writeFixed32(99, 7); // unknown field of another wire type: skipped
        });
        byte[] spec = message(out -> out.writeString(1, "kubernetes"));
        JsonNode json = decode(body("v1", "Namespace", message(out -> {
            out.writeByteArray(1, meta);
            out.writeByteArray(2, spec);
            out.writeByteArray(3, message(status -> status.writeString(1, "Terminating")));
        })));
        JsonNode metadata = json.path("metadata");
        assertEquals("shop", metadata.path("name").asText());
        assertEquals("{\"team\":\"web\",\"tier\":\"front\"}", metadata.path("labels").toString());
        assertEquals("made by kubectl", metadata.path("annotations").path("note").asText());
        assertEquals("[\"example.com/keep\"]", metadata.path("finalizers").toString());
        assertTrue(metadata.path("uid").isMissingNode(), "server-set fields are not read");
        assertEquals("[\"kubernetes\"]", json.path("spec").path("finalizers").toString());
        assertTrue(json.path("status").isMissingNode());
    }

    @Test
    void configMapWithDataAndBinaryData() throws Exception {
        byte[] meta = message(out -> {
            out.writeString(1, "settings");
            out.writeString(3, "shop");
        });
        JsonNode json = decode(body("v1", "ConfigMap", message(out -> {
            out.writeByteArray(1, meta);
            out.writeBytes(2, entry("mode", "fast"));
            out.writeBytes(2, entry("size", "3"));
            out.writeByteArray(3, message(e -> {
                e.writeString(1, "blob");
                e.writeByteArray(2, new byte[] {0, 1, (byte) 0xff});
            }));
            out.writeBool(4, true);
        })));
        assertEquals("ConfigMap", json.path("kind").asText());
        assertEquals("shop", json.path("metadata").path("namespace").asText());
        assertEquals("{\"mode\":\"fast\",\"size\":\"3\"}", json.path("data").toString());
        assertEquals("AAH/", json.path("binaryData").path("blob").asText(), "bytes in base64, as in JSON");
        assertTrue(json.path("immutable").asBoolean());
    }

    @Test
    void accessReviewForAllNamespacesAndForAPath() throws Exception {
        byte[] resource = message(out -> {
            out.writeString(2, "create");
            out.writeString(3, "apps");
            out.writeString(5, "deployments");
            out.writeString(6, "scale");
            out.writeString(7, "web");
        });
        JsonNode json = decode(body("authorization.k8s.io/v1", "SelfSubjectAccessReview",
                message(out -> out.writeByteArray(2, message(spec -> spec.writeByteArray(1, resource))))));
        assertEquals("{\"verb\":\"create\",\"group\":\"apps\",\"resource\":\"deployments\",\"subresource\":\"scale\","
                + "\"name\":\"web\"}", json.path("spec").path("resourceAttributes").toString());

        byte[] path = message(out -> {
            out.writeString(1, "/healthz");
            out.writeString(2, "get");
        });
        JsonNode nonResource = decode(body("authorization.k8s.io/v1", "SelfSubjectAccessReview",
                message(out -> out.writeByteArray(2, message(spec -> spec.writeByteArray(2, path))))));
        assertEquals("{\"nonResourceAttributes\":{\"path\":\"/healthz\",\"verb\":\"get\"}}",
                nonResource.path("spec").toString());
    }

    @Test
    void otherKindsAreRefusedWithWhatToDoInstead() throws Exception {
        byte[] deployment = body("apps/v1", "Deployment", message(out -> out.writeByteArray(1,
                message(meta -> meta.writeString(1, "web")))));
        ProtobufBodies.UnsupportedBodyException e = assertThrows(ProtobufBodies.UnsupportedBodyException.class,
                () -> ProtobufBodies.toJson(deployment));
        assertTrue(e.getMessage().contains("'apps/v1' kind 'Deployment'"), e.getMessage());
        assertTrue(e.getMessage().contains("kubectl create -f FILE --validate=false"), e.getMessage());

        byte[] gzipped = envelope(out -> {
            out.writeByteArray(1, message(type -> {
                type.writeString(1, "v1");
                type.writeString(2, "Namespace");
            }));
            out.writeByteArray(2, new byte[] {1, 2, 3});
            out.writeString(3, "gzip");
        });
        assertThrows(ProtobufBodies.UnsupportedBodyException.class, () -> ProtobufBodies.toJson(gzipped));
    }

    @Test
    void malformedBodiesAreRejected() throws Exception {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidProtocolBufferException.class, () -> ProtobufBodies.toJson(json));
        byte[] valid = HexFormat.of().parseHex(KUBECTL_CREATE_NS);
        byte[] truncated = Arrays.copyOf(valid, 20);
        assertThrows(InvalidProtocolBufferException.class, () -> ProtobufBodies.toJson(truncated));
        assertFalse(decode(valid).isEmpty());
    }

    /** Writes the fields of one message. */
    @FunctionalInterface
    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static JsonNode decode(byte[] body) throws Exception {
        return Serialization.jsonMapper().readTree(ProtobufBodies.toJson(body));
    }

    /** @return the magic and a runtime.Unknown with this type and raw object */
    private static byte[] body(String apiVersion, String kind, byte[] raw) throws IOException {
        return envelope(out -> {
            out.writeByteArray(1, message(type -> {
                type.writeString(1, apiVersion);
                type.writeString(2, kind);
            }));
            out.writeByteArray(2, raw);
        });
    }

    private static byte[] envelope(Writer unknown) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {'k', '8', 's', 0});
        bytes.write(message(unknown));
        return bytes.toByteArray();
    }

    private static byte[] message(Writer fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    /** @return a map entry message: key 1, value 2 */
    private static ByteString entry(String key, String value) throws IOException {
        return ByteString.copyFrom(message(out -> {
            out.writeString(1, key);
            out.writeString(2, value);
        }));
    }
}
