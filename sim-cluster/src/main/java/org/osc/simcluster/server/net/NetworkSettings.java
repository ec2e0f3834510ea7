package org.osc.simcluster.server.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network mode as the simulator was asked for it, checked against the lab: the lab runs, has a node switch for
 * every node of the cluster (missing ones are added to the running lab), and the VNF nodes are among them.
 *
 * @param lab the started lab
 * @param nodes the cluster's nodes ({@code node1..nodeN}), each with its switch's subnet
 * @param vnfNodes nodes reserved for OSC's VNF pods (empty: none)
 */
public record NetworkSettings(OvnLab lab, LabNodes nodes, Set<String> vnfNodes) {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkSettings.class);

    /** The pod network ovn-lab lays out: node N gets {@code 10.244.N.0/24}. */
    public static final String LAB_POD_CIDR = "10.244.0.0/16";

    /**
     * @param script the ovn-lab script, or null for the copy bundled with sim-cluster
     * @param dir the lab folder
     * @param nodes how many nodes the cluster has; 0 for as many as the lab has node switches
     * @param vnfNodes nodes reserved for VNF pods
     * @return the checked settings
     * @throws IOException when there is no running lab in the folder, or the script fails
     */
    public static NetworkSettings prepare(Path script, Path dir, int nodes, List<String> vnfNodes)
            throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            throw new IOException("network mode needs root (network namespaces and veths), this process runs as uid "
                    + uid);
        }
        OvnLab lab = new OvnLab(script == null ? OvnLab.bundledScript() : script, dir);
        try {
            lab.requireRunning();
        } catch (IOException e) {
            throw new IOException("no running ovn-lab in " + lab.dir() + ": start one first (ovn-lab start DIR"
                    + " --nodes N, as root); sim-cluster uses the lab but neither starts nor stops it. "
                    + e.getMessage(), e);
        }
        LabNodes labNodes = lab.nodes();
        if (nodes > labNodes.size()) {
            LOG.info("the lab has {} node switches, the cluster {} nodes: adding the missing switches",
                    labNodes.size(), nodes);
            lab.ensureNodes(nodes);
            labNodes = lab.nodes();
        }
        LabNodes clusterNodes = nodes == 0 ? labNodes : labNodes.first(nodes);
        List<String> names = new ArrayList<>();
        clusterNodes.all().forEach(n -> names.add(n.name()));
        // checks that they are nodes, and that not every node is one
        new Scheduler(names, Set.copyOf(vnfNodes));
        return new NetworkSettings(lab, clusterNodes, Set.copyOf(vnfNodes));
    }

    /** @return the node names, in order */
    public List<String> nodeNames() {
        return nodes.all().stream().map(LabNodes.Node::name).toList();
    }
}
