package org.osc.k8s;

import java.util.Map;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Pods made and changed by an operator's client, as the watch tests need them. */
final class TestPods {

    private TestPods() {
    }

    /** Creates a standalone pod; the simulated kubelet gives it an IP and runs it. */
    static void create(KubernetesClient client, String namespace, String name, Map<String, String> labels) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("nginx").endContainer().endSpec().build()).create();
    }

    /** Sets one label with a single merge patch (one request, no resourceVersion, so no conflict to retry). */
    static void label(KubernetesClient client, String namespace, String name, String key, String value) {
        client.pods().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + key + "\":\"" + value + "\"}}}");
    }

    /** An operator's edit; the simulated kubelet's status writes make it conflict at times, as on a real cluster. */
    static void edit(KubernetesClient client, String namespace, String name, UnaryOperator<Pod> change) {
        for (int attempt = 1;; attempt++) {
            try {
                client.pods().inNamespace(namespace).withName(name).edit(change);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
