package org.osc.k8s.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osc.platform.api.LabelSelector;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;

/**
 * A synced pod informer's cache, asked as the API server would be: by label pair (an index, so a selector costs
 * what it matches, not a scan of every pod) and by namespace (fabric8's own index).
 */
public final class PodCache {

    /** Name of the index from {@code key=value} to the pods carrying that label. */
    static final String LABELS = "osc-labels";

    private final Indexer<Pod> indexer;

    PodCache(Indexer<Pod> indexer) {
        this.indexer = indexer;
    }

    /** The index function: every label of the pod as {@code key=value}, as {@link LabelSelector#toString()} is. */
    static List<String> labelPairs(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null || labels.isEmpty()) {
            return List.of();
        }
        List<String> pairs = new ArrayList<>(labels.size());
        labels.forEach((key, value) -> pairs.add(key + "=" + value));
        return pairs;
    }

    /** @return the pods with the selector's label, in the namespaces (all when empty) */
    public List<Pod> matching(LabelSelector selector, List<String> namespaces) {
        List<Pod> pods = indexer.byIndex(LABELS, selector.toString());
        return namespaces.isEmpty() ? pods
                : pods.stream().filter(p -> namespaces.contains(p.getMetadata().getNamespace())).toList();
    }

    /** @return every pod in the namespaces (all when empty) */
    public List<Pod> all(List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return indexer.list();
        }
        List<Pod> pods = new ArrayList<>();
        for (String namespace : namespaces) {
            pods.addAll(indexer.byIndex(Cache.NAMESPACE_INDEX, namespace));
        }
        return pods;
    }
}
