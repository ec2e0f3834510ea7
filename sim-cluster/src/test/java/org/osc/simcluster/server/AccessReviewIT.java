package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access reviews over HTTP with the fabric8 client: deny rules from the command line and at run time. */
class AccessReviewIT {

    @TempDir
    Path dir;

    @Test
    void rulesFromTheFlagsAndTheAdminEndpointDenyUntilCleared() throws Exception {
        try (SimClusterServer server = SimClusterServer.start(SimClusterFlags.parse(
                "--kubeconfig", dir.resolve("kubeconfig").toString(), "--deny", "list:pods"));
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")))).build()) {
            assertFalse(allowed(client, "list", "", "pods", null));
            assertFalse(allowed(client, "list", "", "pods", "shop"));
            assertTrue(allowed(client, "watch", "", "pods", null));
            assertTrue(allowed(client, "create", "apps", "deployments", "shop"));
            assertTrue(client.pods().inAnyNamespace().list().getItems().isEmpty(), "denied, but nothing is enforced");

            HttpClient http = HttpClient.newHttpClient();
            String admin = server.masterUrl() + "simcluster/deny";
            HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(admin
                    + "?rule=create:deployments.apps:shop")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, added.statusCode(), added.body());
            assertEquals("{\"rules\":[\"list:pods\",\"create:deployments.apps:shop\"]}", added.body());
            assertFalse(allowed(client, "create", "apps", "deployments", "shop"));
            assertTrue(allowed(client, "create", "apps", "deployments", "blog"));

            assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(admin + "?rule=pods"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(admin)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertTrue(allowed(client, "list", "", "pods", null));
        }
    }

    private static boolean allowed(KubernetesClient client, String verb, String group, String resource,
            String namespace) {
        SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(
                new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withVerb(verb)
                        .withGroup(group).withResource(resource).withNamespace(namespace).endResourceAttributes()
                        .endSpec().build());
        return answer.getStatus().getAllowed();
    }
}
