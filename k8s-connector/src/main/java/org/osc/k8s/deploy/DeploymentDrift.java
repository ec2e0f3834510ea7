package org.osc.k8s.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * How an observed Deployment differs from the one OSC rendered. Compares field by field what OSC sets, rather
 * than whole objects, because an API server fills in defaults (termination message path, DNS policy, strategy)
 * that a rendered object never has: comparing those would rewrite the Deployment on every reconcile. The spec
 * hash annotation catches changes of OSC's own rendering; the fields catch hand edits (an image set by kubectl,
 * a capability added, a pull secret removed), which leave the annotation alone.
 */
final class DeploymentDrift {

    private DeploymentDrift() {
    }

    /** @return whether the replica count differs (the only difference that a scale can fix) */
    static boolean replicasDiffer(Deployment observed, Deployment desired) {
        return !Objects.equals(observed.getSpec().getReplicas(), desired.getSpec().getReplicas());
    }

    /** @return whether the selector differs: it is immutable, so only a new Deployment can fix it */
    static boolean selectorDiffers(Deployment observed, Deployment desired) {
        var selector = observed.getSpec().getSelector();
        return selector == null || !desired.getSpec().getSelector().getMatchLabels().equals(selector.getMatchLabels())
                || selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty();
    }

    /** @return readable differences in everything but replicas and selector; empty when there is none */
    static List<String> differences(Deployment observed, Deployment desired) {
        List<String> found = new ArrayList<>();
        differ(found, "spec hash annotation", annotation(observed), annotation(desired));
        if (!containsAll(observed.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            found.add("labels");
        }
        if (observed.getSpec().getTemplate() == null || observed.getSpec().getTemplate().getSpec() == null) {
            found.add("pod template");
            return found;
        }
        if (!containsAll(observed.getSpec().getTemplate().getMetadata().getLabels(),
                desired.getSpec().getTemplate().getMetadata().getLabels())) {
            found.add("pod labels");
        }
        PodSpec have = observed.getSpec().getTemplate().getSpec();
        PodSpec want = desired.getSpec().getTemplate().getSpec();
        differ(found, "automountServiceAccountToken", have.getAutomountServiceAccountToken(),
                want.getAutomountServiceAccountToken());
        differ(found, "image pull secrets", VnfRenderer.pullSecrets(have), VnfRenderer.pullSecrets(want));
        PodSecurityContext podSecurity = have.getSecurityContext() == null ? new PodSecurityContext()
                : have.getSecurityContext();
        differ(found, "runAsNonRoot", podSecurity.getRunAsNonRoot(), want.getSecurityContext().getRunAsNonRoot());
        differ(found, "seccomp profile", podSecurity.getSeccompProfile() == null ? null
                : podSecurity.getSeccompProfile().getType(), want.getSecurityContext().getSeccompProfile().getType());
        Container vnf = container(have);
        if (vnf == null || have.getContainers().size() != want.getContainers().size()) {
            found.add("containers");
            return found;
        }
        containerDifferences(found, vnf, container(want));
        return found;
    }

    private static void containerDifferences(List<String> found, Container have, Container want) {
        differ(found, "image", have.getImage(), want.getImage());
        differ(found, "imagePullPolicy", have.getImagePullPolicy(), want.getImagePullPolicy());
        ResourceRequirements haveResources = have.getResources() == null ? new ResourceRequirements()
                : have.getResources();
        ResourceRequirements wantResources = want.getResources() == null ? new ResourceRequirements()
                : want.getResources();
        if (!sameQuantities(haveResources.getRequests(), wantResources.getRequests())) {
            found.add("resource requests");
        }
        if (!sameQuantities(haveResources.getLimits(), wantResources.getLimits())) {
            found.add("resource limits");
        }
        SecurityContext security = have.getSecurityContext() == null ? new SecurityContext()
                : have.getSecurityContext();
        differ(found, "allowPrivilegeEscalation", security.getAllowPrivilegeEscalation(),
                want.getSecurityContext().getAllowPrivilegeEscalation());
        differ(found, "readOnlyRootFilesystem", security.getReadOnlyRootFilesystem(),
                want.getSecurityContext().getReadOnlyRootFilesystem());
        Capabilities caps = security.getCapabilities() == null ? new Capabilities() : security.getCapabilities();
        Capabilities wantCaps = want.getSecurityContext().getCapabilities();
        differ(found, "dropped capabilities", asSet(caps.getDrop()), asSet(wantCaps.getDrop()));
        differ(found, "added capabilities", asSet(caps.getAdd()), asSet(wantCaps.getAdd()));
    }

    private static Container container(PodSpec pod) {
        if (pod.getContainers() == null) {
            return null;
        }
        return pod.getContainers().stream().filter(c -> VnfRenderer.CONTAINER.equals(c.getName())).findFirst()
                .orElse(null);
    }

    private static String annotation(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(VnfLabels.SPEC_HASH);
    }

    private static void differ(List<String> found, String what, Object have, Object want) {
        if (!Objects.equals(have, want)) {
            found.add(what);
        }
    }

    private static boolean containsAll(Map<String, String> have, Map<String, String> want) {
        return have != null && have.entrySet().containsAll(want.entrySet());
    }

    /**
     * Compares by amount, not text: an API server may store "0.5" as "500m", which must not count as a change
     * (or every reconcile would write).
     */
    private static boolean sameQuantities(Map<String, Quantity> have, Map<String, Quantity> want) {
        Map<String, Quantity> a = have == null ? Map.of() : have;
        Map<String, Quantity> b = want == null ? Map.of() : want;
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (var entry : b.entrySet()) {
            try {
                if (a.get(entry.getKey()).getNumericalAmount().compareTo(entry.getValue().getNumericalAmount()) != 0) {
                    return false;
                }
            } catch (RuntimeException e) {
                // An observed value that is no quantity: rewrite it with ours.
                return false;
            }
        }
        return true;
    }

    private static Set<String> asSet(List<String> values) {
        return values == null ? Set.of() : new HashSet<>(values);
    }
}
