package org.osc.k8s.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osc.platform.api.DeploymentRequest;
import org.osc.platform.api.VnfImage;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;

/**
 * Renders the Kubernetes objects of a deployment spec: a pure function from the request (and the configured
 * management namespace) to a Deployment and a NetworkPolicy; nothing here talks to a cluster.
 *
 * <p>The VNF pod is hardened as far as an inspection VNF allows:
 * <ul>
 * <li>no service-account token ({@code automountServiceAccountToken: false}): the VNF never calls the API
 * server, so a token would only be something to steal;</li>
 * <li>{@code runAsNonRoot}, {@code seccompProfile: RuntimeDefault}, no privilege escalation, a read-only root
 * filesystem (with a small {@code emptyDir} on {@code /tmp}, because much software writes temporary files);</li>
 * <li>every capability dropped except {@code NET_ADMIN} and {@code NET_RAW}: an inspection VNF opens raw and
 * packet sockets to see the traffic it inspects and sets up its interfaces and forwarding to pass it on. As the
 * process is not root, these capabilities only take effect through file capabilities on the VNF's binary
 * ({@code setcap}); the image must provide them.</li>
 * </ul>
 * The Deployment carries {@value VnfLabels#SPEC_HASH}, a hash of everything rendered except the replica count,
 * so a change of OSC's own rendering is noticed even in fields that {@link DeploymentDrift} does not compare.
 */
public final class VnfRenderer {

    /** Name of the VNF container. */
    public static final String CONTAINER = "vnf";
    private static final String TMP_VOLUME = "tmp";

    private VnfRenderer() {
    }

    /**
     * @param request the deployment spec's desired state
     * @param managementNamespaceLabels labels of OSC's management namespace, empty when not configured
     * @return the spec's Deployment and NetworkPolicy
     * @throws IllegalArgumentException with a readable reason when the request cannot be rendered
     */
    public static RenderedVnf render(DeploymentRequest request, Map<String, String> managementNamespaceLabels) {
        check(request);
        String name = VnfLabels.workloadName(request.specId());
        Map<String, String> labels = VnfLabels.all(request);
        DeploymentSpec spec = new DeploymentSpecBuilder()
                .withNewSelector().withMatchLabels(VnfLabels.selector(request.specId())).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(podSpec(request.image())).endTemplate()
                .build();
        // Hashed before the replica count is set: scaling is compared on its own and must not look like a
        // template change.
        String hash = SpecHash.of(spec);
        spec.setReplicas(request.count());
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(request.namespace()).withLabels(labels)
                .withAnnotations(Map.of(VnfLabels.SPEC_HASH, hash)).endMetadata()
                .withSpec(spec)
                .build();
        return new RenderedVnf(deployment,
                VnfNetworkPolicy.render(name, request.namespace(), labels, request.specId(),
                        managementNamespaceLabels));
    }

    private static void check(DeploymentRequest request) {
        if (request.namespace() == null || request.namespace().isBlank()) {
            throw new IllegalArgumentException("no namespace given");
        }
        if (request.count() < 0) {
            throw new IllegalArgumentException("instance count must not be negative, was " + request.count());
        }
        if (request.image() == null || request.image().imageUrl() == null || request.image().imageUrl().isBlank()) {
            throw new IllegalArgumentException("the appliance software version names no image");
        }
    }

    private static PodSpec podSpec(VnfImage image) {
        PodSpecBuilder pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withContainers(container(image))
                .addNewVolume().withName(TMP_VOLUME)
                .withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume();
        if (notBlank(image.imagePullSecretName())) {
            pod.withImagePullSecrets(new LocalObjectReference(image.imagePullSecretName()));
        }
        return pod.build();
    }

    private static Container container(VnfImage image) {
        return new ContainerBuilder()
                .withName(CONTAINER).withImage(image.imageUrl()).withImagePullPolicy("IfNotPresent")
                .withResources(resources(image))
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").withAdd("NET_ADMIN", "NET_RAW").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .build();
    }

    /** @return the requests and limits that are set, or null when none is (no empty resources block) */
    static ResourceRequirements resources(VnfImage image) {
        Map<String, Quantity> requests = quantities(image.cpuRequest(), image.memoryRequest());
        Map<String, Quantity> limits = quantities(image.cpuLimit(), image.memoryLimit());
        if (requests.isEmpty() && limits.isEmpty()) {
            return null;
        }
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(requests);
        resources.setLimits(limits);
        return resources;
    }

    private static Map<String, Quantity> quantities(String cpu, String memory) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        if (notBlank(cpu)) {
            quantities.put("cpu", quantity("cpu", cpu));
        }
        if (notBlank(memory)) {
            quantities.put("memory", quantity("memory", memory));
        }
        return quantities;
    }

    private static Quantity quantity(String what, String text) {
        Quantity quantity = new Quantity(text.trim());
        try {
            quantity.getNumericalAmount();
        } catch (RuntimeException e) {
            // Caught here, where the reason can still name the field, rather than as an API server 422.
            throw new IllegalArgumentException("the " + what + " quantity '" + text + "' is not a Kubernetes quantity");
        }
        return quantity;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    /** @return the image pull secret names of a pod spec, in order (empty when none) */
    static List<String> pullSecrets(PodSpec pod) {
        return pod.getImagePullSecrets() == null ? List.of()
                : pod.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
    }
}
