package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code scale} subresource of Deployments as an {@code autoscaling/v1} Scale, which is what {@code kubectl
 * scale} reads and writes (the mock would hand it the whole Deployment, which kubectl cannot decode). A write
 * changes only the Deployment's {@code spec.replicas}, through the store, so it is seen on watches like any patch.
 */
final class ScaleSubresource {

    private static final Pattern PATH = Pattern.compile(
            "/apis/apps/v1/namespaces/(?<ns>[^/]+)/deployments/(?<name>[^/?]+)/scale(\\?.*)?");
    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    private final Function<RecordedRequest, MockResponse> store;

    /** @param store the dispatcher the Deployment itself is read and patched through */
    ScaleSubresource(Function<RecordedRequest, MockResponse> store) {
        this.store = store;
    }

    /**
     * @param request any request
     * @return the answer if it is addressed to a Deployment's scale subresource
     */
    Optional<MockResponse> handle(RecordedRequest request) {
        Matcher m = PATH.matcher(request.getPath());
        if (!m.matches()) {
            return Optional.empty();
        }
        String deploymentPath = "/apis/apps/v1/namespaces/" + m.group("ns") + "/deployments/" + m.group("name");
        MockResponse current = store.apply(request(HttpMethod.GET, deploymentPath, null, null));
        if (current.code() != 200) {
            return Optional.of(current);
        }
        try {
            ObjectNode scale = toScale(MAPPER.readTree(current.getBody().readUtf8()));
            if (request.method() == HttpMethod.GET) {
                return Optional.of(json(scale));
            }
            JsonNode desired = desiredScale(request, scale);
            String expected = desired.path("metadata").path("resourceVersion").asText("");
            if (!expected.isEmpty() && !expected.equals(scale.path("metadata").path("resourceVersion").asText())) {
                return Optional.of(new MockResponse().setResponseCode(409).setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\","
                                + "\"code\":409,\"message\":\"the object has been modified\"}"));
            }
            String patch = "{\"spec\":{\"replicas\":" + desired.path("spec").path("replicas").asInt() + "}}";
            MockResponse patched = store.apply(request(HttpMethod.PATCH, deploymentPath,
                    "application/merge-patch+json", patch));
            if (patched.code() / 100 != 2) {
                return Optional.of(patched);
            }
            return Optional.of(json(toScale(MAPPER.readTree(patched.getBody().readUtf8()))));
        } catch (Exception e) {
            return Optional.of(new MockResponse().setResponseCode(400).setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"BadRequest\","
                            + "\"code\":400,\"message\":" + Serialization.asJson(String.valueOf(e.getMessage())) + "}"));
        }
    }

    /** The Scale the request asks for: a PUT's body, or the current Scale with a PATCH applied. */
    private static JsonNode desiredScale(RecordedRequest request, ObjectNode current) throws Exception {
        JsonNode body = MAPPER.readTree(request.getBody().readUtf8());
        if (request.method() == HttpMethod.PUT) {
            return body;
        }
        String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (type.contains("json-patch")) {
            return JsonPatch.apply(body, current);
        }
        if (type.contains("merge-patch")) {
            return merge(current.deepCopy(), body);
        }
        throw new IllegalArgumentException("unsupported patch type for scale: " + type);
    }

    /** RFC 7386 JSON merge patch. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode result = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.path(e.getKey()).isMissingNode()
                        ? MAPPER.createObjectNode() : result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    private static ObjectNode toScale(JsonNode deployment) {
        ObjectNode scale = MAPPER.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        JsonNode meta = deployment.path("metadata");
        ObjectNode scaleMeta = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (meta.has(field)) {
                scaleMeta.set(field, meta.get(field));
            }
        }
        scale.putObject("spec").put("replicas", deployment.path("spec").path("replicas").asInt(1));
        List<String> selector = new ArrayList<>();
        deployment.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        scale.putObject("status").put("replicas", deployment.path("status").path("replicas").asInt(0))
                .put("selector", String.join(",", selector));
        return scale;
    }

    private static MockResponse json(JsonNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(),
                new Buffer(body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }
}
