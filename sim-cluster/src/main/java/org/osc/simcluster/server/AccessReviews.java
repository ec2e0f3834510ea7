package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers {@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews} the way an API server does (201,
 * the review with its {@code status}), without storing it. The simulator has no RBAC: everything is allowed
 * except what a {@link DenyRule} denies. It only answers reviews: the denied requests themselves still succeed.
 */
final class AccessReviews {

    /** The path of the reviews, without query. */
    static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private static final ObjectMapper MAPPER = Serialization.jsonMapper();

    private final List<DenyRule> rules = new CopyOnWriteArrayList<>();

    /** @param rule denied from now on */
    void deny(DenyRule rule) {
        rules.add(rule);
    }

    /** Allows everything again. */
    void allowAll() {
        rules.clear();
    }

    /** @return the rules in force */
    List<DenyRule> rules() {
        return List.copyOf(rules);
    }

    /**
     * @param request any request
     * @return the answer when it is a self subject access review, empty otherwise
     */
    Optional<MockResponse> handle(RecordedRequest request) {
        String path = request.getPath();
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!bare.equals(PATH) || !"POST".equals(request.method().name())) {
            return Optional.empty();
        }
        try {
            JsonNode body = MAPPER.readTree(request.getBody().readUtf8());
            if (!(body instanceof ObjectNode review)) {
                return Optional.of(SimDispatcher.status(400, "BadRequest", "a SelfSubjectAccessReview is required"));
            }
            JsonNode attributes = review.path("spec").path("resourceAttributes");
            String denying = attributes.isMissingNode() ? null : denyingRule(attributes.path("verb").asText(""),
                    attributes.path("group").asText(""), attributes.path("resource").asText(""),
                    attributes.path("namespace").asText(""));
            ObjectNode status = review.putObject("status");
            status.put("allowed", denying == null);
            if (denying != null) {
                status.put("reason", "denied by sim-cluster rule " + denying);
            } else {
                status.put("reason", "sim-cluster has no RBAC: allowed");
            }
            review.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
            return Optional.of(SimDispatcher.json(201, MAPPER.writeValueAsString(review)));
        } catch (IOException e) {
            return Optional.of(SimDispatcher.status(400, "BadRequest", "not JSON: " + e.getMessage()));
        }
    }

    private String denyingRule(String verb, String group, String resource, String namespace) {
        return rules.stream().filter(r -> r.denies(verb, group, resource, namespace)).findFirst()
                .map(DenyRule::toString).orElse(null);
    }
}
