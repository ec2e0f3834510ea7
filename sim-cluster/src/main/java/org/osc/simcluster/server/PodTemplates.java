package org.osc.simcluster.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a Deployment's pod template into pods the way the Deployment and ReplicaSet controllers name and label
 * them: {@code <deployment>-<pod-template-hash>-<5 random>}, the template's labels plus {@code pod-template-hash}.
 * One difference from a real cluster: there is no ReplicaSet, the pods' controller owner is the Deployment itself.
 */
final class PodTemplates {

    static final String HASH_LABEL = "pod-template-hash";

    /** Kubernetes' alphabet for generated names: no vowels (no words), no look-alikes such as 0/o, 1/l. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper CANONICAL = Serialization.jsonMapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PodTemplates() {
    }

    /**
     * FNV-1a over the template's canonical JSON, encoded like Kubernetes' {@code rand.SafeEncodeString}: stable
     * across restarts and changed by any change of the template (image, labels, env...).
     *
     * @param template the Deployment's pod template
     * @return the hash label value
     */
    static String templateHash(PodTemplateSpec template) {
        byte[] bytes;
        try {
            bytes = CANONICAL.writeValueAsString(template).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pod template cannot be serialised", e);
        }
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        StringBuilder encoded = new StringBuilder();
        for (char c : Long.toString(Integer.toUnsignedLong(hash)).toCharArray()) {
            encoded.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return encoded.toString();
    }

    /**
     * @param deployment the owner
     * @param hash its current template hash
     * @return a new pod, Pending, not yet created
     */
    static Pod newPod(Deployment deployment, String hash) {
        String name = deployment.getMetadata().getName();
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>();
        Optional.ofNullable(template.getMetadata()).map(m -> m.getLabels()).ifPresent(labels::putAll);
        labels.put(HASH_LABEL, hash);
        Map<String, String> annotations = Optional.ofNullable(template.getMetadata()).map(m -> m.getAnnotations())
                .orElse(null);
        return new PodBuilder()
                .withNewMetadata()
                .withName(name + "-" + hash + "-" + randomSuffix())
                .withGenerateName(name + "-" + hash + "-")
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(ownerReference(deployment))
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }

    /**
     * @param pod a pod
     * @return its controller owner reference if that is a Deployment
     */
    static Optional<OwnerReference> deploymentOwner(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(r -> Boolean.TRUE.equals(r.getController()))
                .filter(r -> "Deployment".equals(r.getKind()) && "apps/v1".equals(r.getApiVersion()))
                .findFirst();
    }

    /** @return true if the pod's Ready condition is True */
    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static OwnerReference ownerReference(Deployment deployment) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static String randomSuffix() {
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
