package org.osc.server.membership;

import java.util.ArrayList;
import java.util.List;

import org.osc.server.domain.Appliance;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.domain.ObjectType;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.persistence.Database;
import org.osc.server.reconcile.ReconcileQueue;

/**
 * Rows for the membership tests, written straight to the database (the services' validation and plugin checks
 * are not what these tests are about), and a recorder of reconcile requests.
 */
final class MembershipRows {

    /** Reconcile requests as they reach the queue. */
    static final class Recorder extends ReconcileQueue {
        final List<Long> groups = new ArrayList<>();
        final List<Long> specs = new ArrayList<>();

        @Override
        public synchronized void request(ObjectType type, long id) {
            (type == ObjectType.SECURITY_GROUP ? groups : specs).add(id);
        }

        /** @return the groups requested since the last call, and forgets them */
        synchronized List<Long> takeGroups() {
            List<Long> taken = List.copyOf(groups);
            groups.clear();
            return taken;
        }

        /** @return the deployment specs requested since the last call, and forgets them */
        synchronized List<Long> takeSpecs() {
            List<Long> taken = List.copyOf(specs);
            specs.clear();
            return taken;
        }
    }

    private final Database db;

    MembershipRows(Database db) {
        this.db = db;
    }

    long connector(String name) {
        return db.inTransaction(s -> {
            VirtualizationConnector vc = new VirtualizationConnector();
            vc.setName(name);
            vc.setType("KUBERNETES");
            vc.setControllerType("SampleSdn");
            vc.setKubeconfig("apiVersion: v1 # " + name);
            s.persist(vc);
            return vc.getId();
        });
    }

    /** @return a new deployment spec on the connector, with the appliance rows it needs */
    long spec(long vcId, String name) {
        return db.inTransaction(s -> {
            ManagerConnector mc = new ManagerConnector();
            mc.setName("mc-" + name);
            mc.setManagerType("SampleManager");
            mc.setIpAddress("10.0.0.1");
            s.persist(mc);
            Appliance appliance = new Appliance();
            appliance.setModel("model-" + name);
            appliance.setManagerType("SampleManager");
            appliance.setManagerVersion("1.0");
            s.persist(appliance);
            ApplianceSoftwareVersion version = new ApplianceSoftwareVersion();
            version.setAppliance(appliance);
            version.setSwVersion("1.0");
            version.setVirtualizationType("KUBERNETES");
            version.setVirtualizationVersion("1.30");
            version.setImageUrl("registry.example/vnf:1.0");
            s.persist(version);
            DistributedAppliance da = new DistributedAppliance();
            da.setName("da-" + name);
            da.setManagerConnector(mc);
            da.setSoftwareVersion(version);
            s.persist(da);
            VirtualSystem vs = new VirtualSystem();
            vs.setDistributedAppliance(da);
            vs.setVirtualizationConnector(s.find(VirtualizationConnector.class, vcId));
            vs.setDomainId("domain-1");
            s.persist(vs);
            DeploymentSpec spec = new DeploymentSpec();
            spec.setVirtualSystem(vs);
            spec.setName(name);
            spec.setNamespace("security");
            spec.setCount(1);
            s.persist(spec);
            return spec.getId();
        });
    }

    /**
     * @param labels the label members, {@code key=value} each
     * @return a new group's id
     */
    long group(long vcId, String name, boolean protectAll, List<String> namespaces, String... labels) {
        long id = db.inTransaction(s -> {
            SecurityGroup sg = new SecurityGroup();
            sg.setVirtualizationConnector(s.find(VirtualizationConnector.class, vcId));
            sg.setName(name);
            sg.setProtectAll(protectAll);
            sg.getNamespaces().addAll(namespaces);
            for (int i = 0; i < labels.length; i++) {
                SecurityGroupMember member = new SecurityGroupMember();
                member.setSecurityGroup(sg);
                member.setName("m" + i);
                member.setType("LABEL");
                member.setLabel(labels[i]);
                sg.getMembers().add(member);
            }
            s.persist(sg);
            return sg.getId();
        });
        return id;
    }
}
