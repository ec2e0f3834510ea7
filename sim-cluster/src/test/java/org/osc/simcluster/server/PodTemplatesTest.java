package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodTemplatesTest {

    private static PodTemplateSpec template(String image, String... labels) {
        PodTemplateSpecBuilder b = new PodTemplateSpecBuilder().withNewMetadata().endMetadata();
        for (int i = 0; i < labels.length; i += 2) {
            b.editMetadata().addToLabels(labels[i], labels[i + 1]).endMetadata();
        }
        return b.withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void hashIsStableAndIndependentOfLabelOrder() {
        assertEquals(PodTemplates.templateHash(template("nginx", "a", "1", "b", "2")),
                PodTemplates.templateHash(template("nginx", "b", "2", "a", "1")));
    }

    @Test
    void hashChangesWithTheTemplate() {
        assertNotEquals(PodTemplates.templateHash(template("nginx:1")), PodTemplates.templateHash(template("nginx:2")));
    }

    @Test
    void hashUsesTheSafeAlphabet() {
        assertTrue(PodTemplates.templateHash(template("x")).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"));
    }

    @Test
    void newPodIsNamedLabelledAndOwnedLikeKubernetesDoesIt() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("u-1")
                .endMetadata().withNewSpec().withTemplate(template("nginx", "app", "web")).endSpec().build();

        Pod pod = PodTemplates.newPod(d, "abc");

        assertTrue(pod.getMetadata().getName().matches("web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}"),
                pod.getMetadata().getName());
        assertEquals("ns", pod.getMetadata().getNamespace());
        assertEquals("web", pod.getMetadata().getLabels().get("app"));
        assertEquals("abc", pod.getMetadata().getLabels().get(PodTemplates.HASH_LABEL));
        assertEquals("u-1", PodTemplates.deploymentOwner(pod).orElseThrow().getUid());
        assertEquals("Pending", pod.getStatus().getPhase());
    }
}
