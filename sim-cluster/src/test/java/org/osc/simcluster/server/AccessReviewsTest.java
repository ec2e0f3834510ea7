package org.osc.simcluster.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access reviews are answered, not stored: allowed unless a rule denies. */
class AccessReviewsTest {

    private final AccessReviews reviews = new AccessReviews();

    @Test
    void everythingIsAllowedUntilARuleDeniesIt() throws Exception {
        JsonNode allowed = review("list", "", "pods", null);
        assertTrue(allowed.path("status").path("allowed").asBoolean());
        assertEquals("SelfSubjectAccessReview", allowed.path("kind").asText());
        assertEquals("pods", allowed.path("spec").path("resourceAttributes").path("resource").asText());

        reviews.deny(DenyRule.parse("create:deployments.apps:shop"));
        JsonNode denied = review("create", "apps", "deployments", "shop");
        assertFalse(denied.path("status").path("allowed").asBoolean());
        assertEquals("denied by sim-cluster rule create:deployments.apps:shop",
                denied.path("status").path("reason").asText());
        assertTrue(review("create", "apps", "deployments", "blog").path("status").path("allowed").asBoolean());

        reviews.allowAll();
        assertTrue(review("create", "apps", "deployments", "shop").path("status").path("allowed").asBoolean());
    }

    @Test
    void otherRequestsAreLeftToTheStore() {
        assertTrue(reviews.handle(request(HttpMethod.GET, AccessReviews.PATH, "")).isEmpty());
        assertTrue(reviews.handle(request(HttpMethod.POST, "/api/v1/namespaces/default/pods", "{}")).isEmpty());
    }

    private JsonNode review(String verb, String group, String resource, String namespace) throws Exception {
        String body = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
                + "{\"resourceAttributes\":{\"verb\":\"" + verb + "\",\"group\":\"" + group + "\",\"resource\":\""
                + resource + "\"" + (namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"") + "}}}";
        MockResponse response = reviews.handle(request(HttpMethod.POST, AccessReviews.PATH, body)).orElseThrow();
        assertEquals(201, response.code());
        return Serialization.jsonMapper().readTree(response.getBody().readUtf8());
    }

    private static RecordedRequest request(HttpMethod method, String path, String body) {
        return new RecordedRequest("HTTP/1.1", method, path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
