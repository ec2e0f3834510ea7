package org.osc.bench;

import java.nio.file.Path;

/**
 * One scenario's parameters.
 *
 * @param pods workload pods created before measuring
 * @param groups security groups (see {@link Topology} for what they select)
 * @param samples sampled pod creates, and as many sampled relabels
 * @param warmup unmeasured creates, and as many relabels, before the samples
 * @param rate sampled changes per second (creates and relabels interleaved)
 * @param boundGroups groups bound to the VNF's virtual system (inspection hook and manager mapping each)
 * @param vnfReplicas VNF pods of the deployment spec
 * @param vnfSamples times the VNF Deployment is deleted by hand and its recreation measured
 * @param createThreads threads creating the workload pods
 * @param sdn the SDN controller behind the recording wrapper
 * @param h2Options what follows the file name in OSC's H2 URL
 * @param workDir folder for the simulated cluster, OSC's database and the plugins' state
 */
record BenchConfig(int pods, int groups, int samples, int warmup, double rate, int boundGroups, int vnfReplicas,
        int vnfSamples, int createThreads, SdnKind sdn, String h2Options, Path workDir) {

    BenchConfig {
        if (pods < 1 || groups < 2 || samples < 0 || warmup < 0 || rate <= 0 || boundGroups < 0 || vnfReplicas < 1
                || vnfSamples < 0 || createThreads < 1) {
            throw new IllegalArgumentException("pods >= 1, groups >= 2, samples >= 0, warmup >= 0, rate > 0, "
                    + "bound >= 0, vnf replicas >= 1, vnf samples >= 0, threads >= 1");
        }
        if (warmup + samples > pods) {
            // Each relabel moves a pod of its own: warm-up and samples together need that many pods.
            throw new IllegalArgumentException("warmup + samples (" + (warmup + samples) + ") must not exceed pods ("
                    + pods + ")");
        }
    }

    /** @return the SDN plugin's name in the results */
    String sdnName() {
        return sdn.description();
    }

    /** @return whether group {@code g} is bound to the VNF: {@code boundGroups} groups spread evenly */
    boolean bound(int group) {
        if (boundGroups == 0) {
            return false;
        }
        int step = Math.max(1, groups / boundGroups);
        return group % step == 1 % step && group / step < boundGroups;
    }
}
