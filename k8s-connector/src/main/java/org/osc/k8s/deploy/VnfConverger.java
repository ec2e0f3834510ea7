package org.osc.k8s.deploy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.osc.platform.api.DeployedInstance;
import org.osc.platform.api.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Makes one cluster hold the rendered objects of a deployment spec, writing only what differs: an unchanged spec
 * costs three reads (policy, Deployment, pods) and no write. A count change is a replica patch, a template change
 * one update (which rolls the pods), a missing object is created. The NetworkPolicy is converged before the
 * Deployment, so a new VNF pod never runs unconfined. Objects of the same name that do not carry OSC's labels
 * are left alone: OSC does not take over what someone else made.
 */
final class VnfConverger {

    private static final Logger LOG = LoggerFactory.getLogger(VnfConverger.class);
    private static final int UPDATE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String connector;

    /**
     * @param client the connector's client
     * @param connector the connector's name, for messages
     */
    VnfConverger(KubernetesClient client, String connector) {
        this.client = client;
        this.connector = connector;
    }

    /** @return the spec's VNF pods after converging */
    List<DeployedInstance> apply(RenderedVnf desired, long specId) throws PlatformException {
        String ns = desired.namespace();
        String name = desired.name();
        NetworkPolicy policy = call("read", "NetworkPolicy " + name, ns, () -> policies(ns).withName(name).get());
        Deployment deployment = call("read", "Deployment " + name, ns, () -> deployments(ns).withName(name).get());
        // Both checked before anything is written: a refusal must not leave half a VNF behind.
        requireOurs(policy, specId, "NetworkPolicy " + name, ns);
        requireOurs(deployment, specId, "Deployment " + name, ns);
        if (policy == null || deployment == null) {
            requireNamespace(ns, policy == null ? "NetworkPolicy " + name : "Deployment " + name);
        }
        convergePolicy(policy, desired.networkPolicy());
        convergeDeployment(deployment, desired.deployment());
        return instances(ns, name, specId);
    }

    /** Deletes the spec's Deployment (its pods go with it) and then its NetworkPolicy; missing ones are skipped. */
    void remove(String ns, String name, long specId) throws PlatformException {
        Deployment deployment = call("read", "Deployment " + name, ns, () -> deployments(ns).withName(name).get());
        if (ours(deployment, specId, "Deployment")) {
            call("delete", "Deployment " + name, ns, () -> deployments(ns).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
            LOG.info("Deleted Deployment {} in namespace '{}' of connector '{}'", name, ns, connector);
        }
        NetworkPolicy policy = call("read", "NetworkPolicy " + name, ns, () -> policies(ns).withName(name).get());
        if (ours(policy, specId, "NetworkPolicy")) {
            call("delete", "NetworkPolicy " + name, ns, () -> policies(ns).withName(name).delete());
            LOG.info("Deleted NetworkPolicy {} in namespace '{}' of connector '{}'", name, ns, connector);
        }
    }

    private void convergePolicy(NetworkPolicy observed, NetworkPolicy desired) throws PlatformException {
        String ns = desired.getMetadata().getNamespace();
        String object = "NetworkPolicy " + desired.getMetadata().getName();
        if (observed == null) {
            call("create", object, ns, () -> policies(ns).resource(desired).create());
            LOG.info("Created {} in namespace '{}' of connector '{}'", object, ns, connector);
            return;
        }
        String hash = desired.getMetadata().getAnnotations().get(VnfLabels.SPEC_HASH);
        // The whole spec is compared (canonically): unlike a pod template, an API server adds no defaults to a
        // policy whose fields are all set, and a hand-widened policy must be narrowed again.
        boolean same = hash.equals(SpecHash.of(observed.getSpec())) && hash.equals(annotation(observed))
                && containsAll(observed.getMetadata().getLabels(), desired.getMetadata().getLabels());
        if (!same) {
            update(object, ns, observed, () -> policies(ns).withName(desired.getMetadata().getName()).get(),
                    have -> policies(ns).resource(new NetworkPolicyBuilder(have).editMetadata()
                            .addToLabels(desired.getMetadata().getLabels())
                            .addToAnnotations(desired.getMetadata().getAnnotations()).endMetadata()
                            .withSpec(desired.getSpec()).build()).update());
            LOG.info("Updated {} in namespace '{}' of connector '{}'", object, ns, connector);
        }
    }

    private void convergeDeployment(Deployment observed, Deployment desired) throws PlatformException {
        String ns = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        String object = "Deployment " + name;
        if (observed != null && DeploymentDrift.selectorDiffers(observed, desired)) {
            // The selector is immutable; only a Deployment rendered by an older OSC can have another one.
            call("delete", object, ns, () -> deployments(ns).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
            LOG.info("Deleted {} in namespace '{}' to replace its selector", object, ns);
            observed = null;
        }
        if (observed == null) {
            call("create", object, ns, () -> deployments(ns).resource(desired).create());
            LOG.info("Created {} in namespace '{}' of connector '{}' with {} replicas", object, ns, connector,
                    desired.getSpec().getReplicas());
            return;
        }
        List<String> differences = DeploymentDrift.differences(observed, desired);
        if (!differences.isEmpty()) {
            // An update replaces the whole spec, replicas included; changed template fields roll the pods.
            update(object, ns, observed, () -> deployments(ns).withName(name).get(),
                    have -> deployments(ns).resource(new DeploymentBuilder(have).editMetadata()
                            .addToLabels(desired.getMetadata().getLabels())
                            .addToAnnotations(desired.getMetadata().getAnnotations()).endMetadata()
                            .withSpec(desired.getSpec()).build()).update());
            LOG.info("Updated {} in namespace '{}' of connector '{}': {} changed", object, ns, connector,
                    differences);
        } else if (DeploymentDrift.replicasDiffer(observed, desired)) {
            int replicas = desired.getSpec().getReplicas();
            call("scale", object, ns, () -> deployments(ns).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}"));
            LOG.info("Scaled {} in namespace '{}' of connector '{}' from {} to {} replicas", object, ns, connector,
                    observed.getSpec().getReplicas(), replicas);
        }
    }

    private List<DeployedInstance> instances(String ns, String name, long specId) throws PlatformException {
        List<Pod> pods = call("list the pods of", "Deployment " + name, ns, () -> client.pods().inNamespace(ns)
                .withLabel(VnfLabels.DEPLOYMENT_SPEC, Long.toString(specId)).list().getItems());
        Map<String, DeployedInstance> found = new LinkedHashMap<>();
        for (Pod pod : pods) {
            // Terminating and finished pods are leaving: they are not instances to inspect traffic with.
            if (!VnfLabels.isOurs(pod.getMetadata().getLabels(), specId)
                    || pod.getMetadata().getDeletionTimestamp() != null || finished(pod)) {
                continue;
            }
            String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            // Kubernetes reports no MAC address; the SDN plugin supplies it.
            found.putIfAbsent(pod.getMetadata().getUid(), new DeployedInstance(pod.getMetadata().getName(),
                    pod.getMetadata().getUid(), ns, ip == null || ip.isBlank() ? null : ip, null,
                    PodReadiness.ready(pod)));
        }
        return found.values().stream().sorted(Comparator.comparing(DeployedInstance::name)).toList();
    }

    /**
     * Creating in a missing namespace is an error a real API server reports, but not every stand-in does: ask
     * first, only on the create path. Without permission to read namespaces, the create itself will tell.
     */
    private void requireNamespace(String ns, String object) throws PlatformException {
        try {
            if (client.namespaces().withName(ns).get() == null) {
                throw ClusterErrors.missingNamespace(connector, "create", object, ns);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw ClusterErrors.describe(connector, "create", object, ns, e);
            }
        }
    }

    private void requireOurs(HasMetadata observed, long specId, String object, String ns) throws PlatformException {
        if (observed != null && !VnfLabels.isOurs(observed.getMetadata().getLabels(), specId)) {
            throw new PlatformException("Cluster of virtualization connector '" + connector + "' already has " + object
                    + " in namespace '" + ns + "', not made by OSC (labels " + VnfLabels.MANAGED_BY + "=osc and "
                    + VnfLabels.DEPLOYMENT_SPEC + "=" + specId + " missing); OSC does not take it over: delete it");
        }
    }

    private boolean ours(HasMetadata observed, long specId, String kind) {
        if (observed == null) {
            return false;
        }
        if (!VnfLabels.isOurs(observed.getMetadata().getLabels(), specId)) {
            LOG.warn("Not deleting {} {} in namespace '{}': it lacks OSC's labels", kind,
                    observed.getMetadata().getName(), observed.getMetadata().getNamespace());
            return false;
        }
        return true;
    }

    /**
     * Updates with the observed resourceVersion, so that a concurrent change is not overwritten blindly. A
     * controller's status write also changes the resourceVersion (often, while pods start), so a 409 is answered
     * by reading the object again and retrying, a few times, before giving up until the next reconcile.
     */
    private <T extends HasMetadata> void update(String object, String ns, T observed, Supplier<T> reread,
            UnaryOperator<T> update) throws PlatformException {
        T have = observed;
        for (int attempt = 1;; attempt++) {
            try {
                update.apply(have);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == UPDATE_ATTEMPTS) {
                    throw ClusterErrors.describe(connector, "update", object, ns, e);
                }
            }
            have = call("read", object, ns, reread);
            if (have == null) {
                throw new PlatformException("Cluster of virtualization connector '" + connector + "' could not update "
                        + object + " in namespace '" + ns + "': it was deleted meanwhile; the next reconcile "
                        + "recreates it");
            }
        }
    }

    private <T> T call(String action, String object, String ns, Supplier<T> request) throws PlatformException {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.describe(connector, action, object, ns, e);
        }
    }

    private NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>> deployments(
            String ns) {
        return client.apps().deployments().inNamespace(ns);
    }

    private NonNamespaceOperation<NetworkPolicy, NetworkPolicyList, Resource<NetworkPolicy>> policies(String ns) {
        return client.network().v1().networkPolicies().inNamespace(ns);
    }

    private static String annotation(HasMetadata object) {
        var annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(VnfLabels.SPEC_HASH);
    }

    private static boolean containsAll(Map<String, String> have, Map<String, String> want) {
        return have != null && have.entrySet().containsAll(want.entrySet());
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
