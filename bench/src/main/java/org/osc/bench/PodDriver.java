package org.osc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** The operator's side: creates and relabels standalone pods through the benchmark's own fabric8 client. */
final class PodDriver {

    private final KubernetesClient client;

    PodDriver(KubernetesClient client) {
        this.client = client;
    }

    /** @return the name of workload pod {@code i} */
    static String name(int pod) {
        return "pod-" + pod;
    }

    /** Creates a namespace, unless it exists. */
    void namespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                    .build()).create();
        }
    }

    /** Creates a standalone pod; the simulated kubelet gives it an IP and runs it a few milliseconds later. */
    void create(String namespace, String name, Map<String, String> labels) {
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("nginx").endContainer().endSpec().build()).create();
    }

    /** Sets one label with a single merge patch (one request, no resourceVersion, so nothing to retry). */
    void label(String namespace, String name, String key, String value) {
        client.pods().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + key + "\":\"" + value + "\"}}}");
    }

    /**
     * Creates workload pods {@code 0..count-1} from a pool of threads, each retried a few times on an error.
     *
     * @throws IllegalStateException when a pod could not be created
     */
    void createAll(Topology topology, int count, int threads) throws Exception {
        for (int n = 0; n < Topology.NAMESPACES; n++) {
            namespace(Topology.namespace(n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        createRetrying(Topology.namespace(i), name(i), topology.labels(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void createRetrying(String namespace, String name, Map<String, String> labels) {
        for (int attempt = 1;; attempt++) {
            try {
                create(namespace, name, labels);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return; // a retried create that had gone through
                }
                if (attempt == 5) {
                    throw new IllegalStateException("cannot create pod " + namespace + "/" + name + ": " + e, e);
                }
            }
        }
    }
}
