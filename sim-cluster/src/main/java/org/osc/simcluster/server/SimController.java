package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.osc.simcluster.server.net.NetworkSettings;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the {@link DeploymentController} and the {@link Kubelet} off informers on pods and Deployments. It talks
 * to the mock over HTTP with the real fabric8 client, like any other client, so what it does is seen on the
 * watches of everyone else. Its own watches are expired by {@code /simcluster/expire-watches} too, and it
 * recovers the way every informer must: by relisting.
 */
final class SimController implements AutoCloseable {

    private static final String POD = "pod:";
    private static final String DEPLOYMENT = "deployment:";
    /** Resync re-offers every cached object; it is what repairs a missed event without a restart. */
    private static final long RESYNC_MILLIS = Duration.ofSeconds(30).toMillis();

    private final KubernetesClient client;
    private final PodRunner kubelet;
    private final DeploymentController deployments;
    private final WorkQueue queue = new WorkQueue(this::handle);
    private SharedIndexInformer<Pod> podInformer;
    private SharedIndexInformer<Deployment> deploymentInformer;

    /**
     * @param client the controller's client
     * @param ips the pod CIDR's addresses (the plain kubelet's)
     * @param network network mode's settings, or null: pods are then only given an address of the pod CIDR
     */
    SimController(KubernetesClient client, IpPool ips, NetworkSettings network) {
        this.client = client;
        this.kubelet = network == null ? new Kubelet(client, ips)
                : new NetworkKubelet(client, network, key -> queue.add(POD + key));
        this.deployments = new DeploymentController(client);
    }

    /** Starts both informers and returns once they have synced. */
    void start() {
        // Claim the IPs of pods restored from state before any pod can be started: the informer delivers its
        // initial ADDs one by one, and a pending pod handled early could otherwise get a running pod's address.
        kubelet.init(client.pods().inAnyNamespace().list().getItems());
        podInformer = client.pods().inAnyNamespace().inform(new PodEvents(), RESYNC_MILLIS);
        deploymentInformer = client.apps().deployments().inAnyNamespace().inform(new DeploymentEvents(), RESYNC_MILLIS);
        queue.every(Duration.ofSeconds(30), this::releaseIpsOfVanishedPods);
    }

    /** @return true when nothing is waiting to be reconciled (a hint for tests and logs, not a barrier) */
    boolean isIdle() {
        return queue.isIdle();
    }

    @Override
    public void close() {
        if (deploymentInformer != null) {
            deploymentInformer.stop();
        }
        if (podInformer != null) {
            podInformer.stop();
        }
        queue.close();
        kubelet.close();
    }

    private void handle(String key) {
        if (key.startsWith(POD)) {
            Pod pod = podInformer.getIndexer().getByKey(key.substring(POD.length()));
            if (pod != null) {
                kubelet.start(pod);
            }
        } else if (key.startsWith(DEPLOYMENT)) {
            String[] nsName = key.substring(DEPLOYMENT.length()).split("/", 2);
            deployments.reconcile(nsName[0], nsName[1]);
        }
    }

    private void releaseIpsOfVanishedPods() {
        List<String> live = podInformer.getStore().list().stream()
                .map(p -> p.getMetadata().getUid()).collect(Collectors.toList());
        kubelet.retainOnly(live);
    }

    private static String key(HasMetadata object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    private void podChanged(Pod pod) {
        kubelet.observe(pod);
        if (kubelet.needsStart(pod)) {
            queue.add(POD + key(pod));
        }
        PodTemplates.deploymentOwner(pod).ifPresent(owner ->
                queue.add(DEPLOYMENT + pod.getMetadata().getNamespace() + "/" + owner.getName()));
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            podChanged(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            podChanged(newPod);
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            kubelet.forget(pod);
            PodTemplates.deploymentOwner(pod).ifPresent(owner ->
                    queue.add(DEPLOYMENT + pod.getMetadata().getNamespace() + "/" + owner.getName()));
        }
    }

    private final class DeploymentEvents implements ResourceEventHandler<Deployment> {
        @Override
        public void onAdd(Deployment deployment) {
            queue.add(DEPLOYMENT + key(deployment));
        }

        @Override
        public void onUpdate(Deployment oldDeployment, Deployment newDeployment) {
            queue.add(DEPLOYMENT + key(newDeployment));
        }

        @Override
        public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
            queue.add(DEPLOYMENT + key(deployment));
        }
    }
}
