package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the protobuf request bodies kubectl's generators send ({@code Content-Type:
 * application/vnd.kubernetes.protobuf}) into the JSON the mock stores, for the kinds the simulator supports:
 * Namespace ({@code kubectl create namespace}), ConfigMap ({@code kubectl create configmap}) and
 * SelfSubjectAccessReview ({@code kubectl auth can-i}).
 * <p>
 * A body is the magic {@code k8s\0} followed by a {@code runtime.Unknown} message, fields typeMeta = 1 (apiVersion
 * = 1, kind = 2), raw = 2 (the object's own message), contentEncoding = 3, contentType = 4. Field numbers are those
 * of the Kubernetes {@code generated.proto} files (k8s.io/api, k8s.io/apimachinery). Only the fields a client sets
 * on a create are read (not server-set ones such as uid, resourceVersion, ownerReferences or status); others are
 * skipped.
 * The wire format is read with protobuf-java's {@link CodedInputStream}: no generated classes.
 */
final class ProtobufBodies {

    /** What every Kubernetes protobuf body starts with. */
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /** The supported kinds, for messages. */
    private static final String SUPPORTED = "Namespace, ConfigMap and SelfSubjectAccessReview (kubectl create "
            + "namespace, kubectl create configmap, kubectl auth can-i)";

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    private ProtobufBodies() {
    }

    /** The body is well-formed Kubernetes protobuf, but of a kind (or encoding) the simulator does not decode. */
    static final class UnsupportedBodyException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedBodyException(String message) {
            super(message);
        }
    }

    /**
     * @param body a request body in the Kubernetes protobuf encoding
     * @return the object as JSON, with its apiVersion and kind
     * @throws UnsupportedBodyException when its kind is not one of the supported ones
     * @throws InvalidProtocolBufferException when it is not a Kubernetes protobuf body
     */
    static String toJson(byte[] body) throws UnsupportedBodyException, InvalidProtocolBufferException {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidProtocolBufferException("no Kubernetes protobuf prefix (k8s\\0)");
        }
        Fields unknown = Fields.of(ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
        Fields typeMeta = unknown.message(1);
        String apiVersion = typeMeta.string(1);
        String kind = typeMeta.string(2);
        String encoding = unknown.string(3);
        if (!encoding.isEmpty()) {
            throw new UnsupportedBodyException("sim-cluster does not decode protobuf bodies with content encoding "
                    + encoding);
        }
        Fields raw = Fields.of(unknown.bytes(2));
        ObjectNode json = MAPPER.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        switch (apiVersion + "/" + kind) {
            case "v1/Namespace" -> {
                json.set("metadata", objectMeta(raw.message(1)));
                ObjectNode spec = json.putObject("spec");
                putList(spec, "finalizers", raw.message(2).strings(1));
            }
            case "v1/ConfigMap" -> {
                json.set("metadata", objectMeta(raw.message(1)));
                raw.bool(4).ifPresent(immutable -> json.put("immutable", immutable));
                putMap(json, "data", raw.stringMap(2));
                Map<String, ByteString> binary = raw.bytesMap(3);
                if (!binary.isEmpty()) {
                    ObjectNode binaryData = json.putObject("binaryData");
                    binary.forEach((key, value) -> binaryData.put(key, value.toByteArray()));
                }
            }
            case "authorization.k8s.io/v1/SelfSubjectAccessReview" -> {
                json.set("metadata", objectMeta(raw.message(1)));
                Fields spec = raw.message(2);
                ObjectNode specJson = json.putObject("spec");
                if (spec.has(1)) {
                    Fields attributes = spec.message(1);
                    ObjectNode resource = specJson.putObject("resourceAttributes");
                    // fields 1 to 7, in this order
                    String[] names = {"namespace", "verb", "group", "version", "resource", "subresource", "name"};
                    for (int i = 0; i < names.length; i++) {
                        putString(resource, names[i], attributes.string(i + 1));
                    }
                }
                if (spec.has(2)) {
                    Fields attributes = spec.message(2);
                    ObjectNode nonResource = specJson.putObject("nonResourceAttributes");
                    putString(nonResource, "path", attributes.string(1));
                    putString(nonResource, "verb", attributes.string(2));
                }
            }
            default -> throw new UnsupportedBodyException("sim-cluster decodes protobuf request bodies only for "
                    + SUPPORTED + ", not apiVersion '" + apiVersion + "' kind '" + kind + "'; write the object as "
                    + "YAML or JSON and use kubectl create -f FILE --validate=false");
        }
        return json.toString();
    }

    /** ObjectMeta (k8s.io/apimachinery meta/v1): what a client sets on a create. */
    private static ObjectNode objectMeta(Fields meta) throws InvalidProtocolBufferException {
        ObjectNode json = MAPPER.createObjectNode();
        putString(json, "name", meta.string(1));
        putString(json, "generateName", meta.string(2));
        putString(json, "namespace", meta.string(3));
        putMap(json, "labels", meta.stringMap(11));
        putMap(json, "annotations", meta.stringMap(12));
        putList(json, "finalizers", meta.strings(14));
        return json;
    }

    /** Omits empty strings, as Kubernetes' JSON does ({@code omitempty}). */
    private static void putString(ObjectNode json, String name, String value) {
        if (!value.isEmpty()) {
            json.put(name, value);
        }
    }

    private static void putMap(ObjectNode json, String name, Map<String, String> map) {
        if (!map.isEmpty()) {
            ObjectNode object = json.putObject(name);
            map.forEach(object::put);
        }
    }

    private static void putList(ObjectNode json, String name, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(json.putArray(name)::add);
        }
    }

    /**
     * The fields of one message as read from the wire, by field number: length-delimited values (strings, bytes,
     * messages, map entries) in order, and varints (the last one). Other wire types are skipped.
     */
    private static final class Fields {

        private final Map<Integer, List<ByteString>> delimited = new HashMap<>();
        private final Map<Integer, Long> varints = new HashMap<>();

        static Fields of(ByteString message) throws InvalidProtocolBufferException {
            Fields fields = new Fields();
            try {
                CodedInputStream in = message.newCodedInput();
                for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                    int number = WireFormat.getTagFieldNumber(tag);
                    switch (WireFormat.getTagWireType(tag)) {
                        case WireFormat.WIRETYPE_LENGTH_DELIMITED ->
                                fields.delimited.computeIfAbsent(number, n -> new ArrayList<>()).add(in.readBytes());
                        case WireFormat.WIRETYPE_VARINT -> fields.varints.put(number, in.readRawVarint64());
                        default -> in.skipField(tag);
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw e;
            } catch (IOException e) {
                // a CodedInputStream over a ByteString reads no I/O; anything else it throws is a malformed body
                throw new InvalidProtocolBufferException(e);
            }
            return fields;
        }

        boolean has(int number) {
            return delimited.containsKey(number) || varints.containsKey(number);
        }

        /** @return the last value of a length-delimited field, empty when absent */
        ByteString bytes(int number) {
            List<ByteString> values = delimited.getOrDefault(number, List.of());
            return values.isEmpty() ? ByteString.EMPTY : values.get(values.size() - 1);
        }

        /** @return a string field, "" when absent */
        String string(int number) {
            return bytes(number).toStringUtf8();
        }

        /** @return a repeated string field */
        List<String> strings(int number) {
            return delimited.getOrDefault(number, List.of()).stream().map(ByteString::toStringUtf8).toList();
        }

        /** @return a message field, with no fields when absent */
        Fields message(int number) throws InvalidProtocolBufferException {
            return of(bytes(number));
        }

        /** @return an optional bool field */
        Optional<Boolean> bool(int number) {
            return Optional.ofNullable(varints.get(number)).map(v -> v != 0);
        }

        /** @return a {@code map<string, string>} field (entries: key 1, value 2), in wire order */
        Map<String, String> stringMap(int number) throws InvalidProtocolBufferException {
            Map<String, String> map = new LinkedHashMap<>();
            bytesMap(number).forEach((key, value) -> map.put(key, value.toStringUtf8()));
            return map;
        }

        /** @return a {@code map<string, bytes>} field (entries: key 1, value 2), in wire order */
        Map<String, ByteString> bytesMap(int number) throws InvalidProtocolBufferException {
            Map<String, ByteString> map = new LinkedHashMap<>();
            for (ByteString entry : delimited.getOrDefault(number, List.of())) {
                Fields fields = of(entry);
                map.put(fields.string(1), fields.bytes(2));
            }
            return map;
        }
    }
}
