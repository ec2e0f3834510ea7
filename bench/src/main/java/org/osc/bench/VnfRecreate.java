package org.osc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osc.server.da.DistributedApplianceInstanceBody;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * VNF recreate latency: the VNF Deployment OSC made is deleted by hand (the operator's fabric8 client), and the
 * time is taken, from just before the delete request, to three points: (1) a Deployment of that name with a new
 * uid exists again (OSC's deployment follower saw the delete and the spec's reconcile recreated it; seen by the
 * benchmark's informer, polled every 10 ms); (2) all its replicas run with an IP (the simulated controller and
 * kubelet; same informer);
 * (3) OSC has every instance of the spec registered again on the new pods: an inspection port on the SDN
 * controller and a member on the manager, i.e. inspection-ready in the database (polled every 20 ms).
 */
final class VnfRecreate {

    private static final Duration WAIT = Duration.ofMinutes(2);

    /** The three latencies. */
    record Result(Latencies deploymentBack, Latencies podsRunning, Latencies registered, List<String> errors) {
    }

    private VnfRecreate() {
    }

    static Result run(BenchConfig config, OscSide osc, OscModel model, KubernetesClient admin, InformerProbe informer)
            throws Exception {
        Result result = new Result(new Latencies(), new Latencies(), new Latencies(), new ArrayList<>());
        String name = "osc-vnf-" + model.specId();
        for (int i = 0; i < config.vnfSamples(); i++) {
            Deployment before = informer.deployment(OscModel.VNF_NAMESPACE, name);
            if (before == null) {
                result.errors().add("no VNF Deployment " + name + " to delete");
                return result;
            }
            String oldUid = before.getMetadata().getUid();
            Set<String> oldPods = new HashSet<>();
            for (DistributedApplianceInstanceBody instance : osc.specs.instances(model.vsId())) {
                oldPods.add(instance.podUid());
            }
            long start = System.nanoTime();
            admin.apps().deployments().inNamespace(OscModel.VNF_NAMESPACE).withName(name).delete();
            long[] back = {0};
            long[] running = {0};
            boolean ok = Waits.until(WAIT, 10, () -> {
                long now = System.nanoTime();
                Deployment d = informer.deployment(OscModel.VNF_NAMESPACE, name);
                if (back[0] == 0 && d != null && !oldUid.equals(d.getMetadata().getUid())) {
                    back[0] = now;
                }
                if (back[0] != 0 && running[0] == 0 && d != null) {
                    List<Pod> pods = informer.podsOf(OscModel.VNF_NAMESPACE, d.getMetadata().getUid());
                    if (pods.size() >= config.vnfReplicas()) {
                        running[0] = now;
                    }
                }
                return running[0] != 0;
            });
            boolean registered = ok && Waits.until(WAIT, 20, () -> {
                List<DistributedApplianceInstanceBody> instances = osc.specs.instances(model.vsId());
                return instances.size() == config.vnfReplicas() && instances.stream()
                        .allMatch(x -> x.inspectionReady() && !oldPods.contains(x.podUid()));
            });
            long end = System.nanoTime();
            if (!ok || !registered) {
                result.errors().add("VNF recreate " + (i + 1) + " did not complete within " + WAIT);
                result.deploymentBack().miss();
                continue;
            }
            result.deploymentBack().add(back[0] - start);
            result.podsRunning().add(running[0] - start);
            result.registered().add(end - start);
            // Let the bound groups move their hooks to the new inspection ports before the next round.
            Waits.quiet(osc, WAIT);
        }
        return result;
    }
}
