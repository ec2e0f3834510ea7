package org.osc.k8s.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.osc.k8s.deploy.PodReadiness;
import org.osc.k8s.deploy.VnfLabels;
import org.osc.platform.api.Workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;

/**
 * What OSC sees of a pod: as a candidate member of security groups, or as one of OSC's own VNF pods. Both views
 * hold only what membership and VNF registration depend on (namespace, name, uid, IPs, labels, whether the pod
 * is live and, for a VNF, whether it is ready), so that two versions of a pod with equal views differ by nothing OSC cares about.
 */
public final class PodViews {

    private PodViews() {
    }

    /**
     * @return the pod as a candidate security group member, or null when it cannot be one: being deleted,
     *     finished, or one of the VNF pods OSC deploys (they inspect traffic, they are never inspected)
     */
    public static Workload member(Pod pod) {
        return pod == null || isVnf(pod) || !live(pod) ? null : workload(pod);
    }

    /**
     * One of OSC's VNF pods as its registration depends on it: the pod and whether it is ready.
     *
     * @param workload the pod's namespace, name, uid, IPs and labels
     * @param ready whether its {@code Ready} condition is true
     */
    record Vnf(Workload workload, boolean ready) {
    }

    /** @return the pod as one of OSC's VNF instances, or null when it is not one or not live */
    static Vnf vnf(Pod pod) {
        return pod == null || !isVnf(pod) || !live(pod) ? null : new Vnf(workload(pod), PodReadiness.ready(pod));
    }

    /** @return whether the object carries OSC's managed-by label (a VNF pod or Deployment OSC made) */
    public static boolean isVnf(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && VnfLabels.OSC.equals(labels.get(VnfLabels.MANAGED_BY));
    }

    /** @return the deployment spec an OSC object belongs to, from its labels; empty when it names none */
    static OptionalLong specId(HasMetadata object) {
        if (object == null || !isVnf(object)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(object.getMetadata().getLabels().get(VnfLabels.DEPLOYMENT_SPEC)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // also a missing label: parseLong(null) says so this way
        }
    }

    /** @return the pod's namespace, name, uid, IPs (all of {@code podIPs}, else {@code podIP}) and labels */
    public static Workload workload(Pod pod) {
        List<String> ips = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getPodIPs() != null) {
                for (PodIP ip : pod.getStatus().getPodIPs()) {
                    if (ip != null && ip.getIp() != null) {
                        ips.add(ip.getIp());
                    }
                }
            }
            if (ips.isEmpty() && pod.getStatus().getPodIP() != null) {
                ips.add(pod.getStatus().getPodIP());
            }
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return new Workload(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getMetadata().getUid(), ips, labels);
    }

    private static boolean live(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
