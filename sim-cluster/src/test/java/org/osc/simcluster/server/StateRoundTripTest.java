package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store written by one dispatcher and loaded by another serves the same objects at the same paths. */
class StateRoundTripTest {

    @TempDir
    Path dir;

    private static MockResponse call(SimDispatcher d, HttpMethod method, String path, Object body) {
        byte[] bytes = body == null ? null : Serialization.asJson(body).getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return d.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(bytes)));
    }

    private static String body(MockResponse r) {
        return r.getBody() == null ? "" : r.getBody().readUtf8();
    }

    @Test
    void objectsAndResourceVersionSurvive() throws Exception {
        SimDispatcher first = new SimDispatcher();
        call(first, HttpMethod.POST, "/api/v1/namespaces", new NamespaceBuilder().withNewMetadata().withName("a")
                .endMetadata().build());
        call(first, HttpMethod.POST, "/api/v1/namespaces/a/pods", new PodBuilder().withNewMetadata().withName("p")
                .addToLabels("app", "x").endMetadata().build());
        call(first, HttpMethod.POST, "/api/v1/namespaces/a/configmaps", new ConfigMapBuilder().withNewMetadata()
                .withName("c").endMetadata().addToData("k", "v").build());
        String pod = body(call(first, HttpMethod.GET, "/api/v1/namespaces/a/pods/p", null));
        Path file = dir.resolve("state.json");
        StateFile.write(file, first.snapshot());

        SimDispatcher second = new SimDispatcher();
        second.restore(StateFile.read(file));

        assertEquals(3, second.objectCount());
        assertEquals(Serialization.jsonMapper().readTree(pod),
                Serialization.jsonMapper().readTree(body(call(second, HttpMethod.GET, "/api/v1/namespaces/a/pods/p", null))));
        assertTrue(body(call(second, HttpMethod.GET, "/api/v1/namespaces/a/pods?labelSelector=app%3Dx", null))
                .contains("\"name\":\"p\""), "label index restored");
        assertTrue(body(call(second, HttpMethod.GET, "/api/v1/namespaces", null)).contains("\"name\":\"a\""));
        String created = body(call(second, HttpMethod.POST, "/api/v1/namespaces/a/pods",
                new PodBuilder().withNewMetadata().withName("q").endMetadata().build()));
        long version = Long.parseLong(Serialization.unmarshal(created, Pod.class).getMetadata().getResourceVersion());
        assertEquals(4, version, "resourceVersion continues from the saved 3");
    }
}
