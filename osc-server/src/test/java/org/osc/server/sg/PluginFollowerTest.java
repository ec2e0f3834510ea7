package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.server.domain.ObjectType;
import org.osc.server.events.PluginFollower;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginType;
import org.osc.server.reconcile.ReconcileQueue;

/** {@link PluginFollower} on the security group fixture's rows: which objects a plugin's coming or going asks for. */
class PluginFollowerTest {

    @TempDir
    Path dir;

    private SgFixture fx;
    private PluginFollower follower;
    private final List<String> requested = new ArrayList<>();
    private long sg;
    private long other;
    private long vs;

    @BeforeEach
    void setUp() throws Exception {
        fx = new SgFixture(dir);
        long vc = fx.connector("k8s", SgFixture.SDN);
        long elsewhere = fx.connector("k8s-2", "OtherSdn");
        vs = fx.virtualSystem(vc, "da1");
        sg = fx.groups.create(vc, SecurityGroupBody.of("web", false, List.of())).id();
        other = fx.db.inTransaction(s -> {
            org.osc.server.domain.SecurityGroup group = new org.osc.server.domain.SecurityGroup();
            group.setName("elsewhere");
            group.setVirtualizationConnector(s.find(org.osc.server.domain.VirtualizationConnector.class, elsewhere));
            s.persist(group);
            return group.getId();
        });
        // bound to the virtual system, whatever its job says (there is no VNF): the row is what counts here
        fx.await(fx.bindings.replace(vc, sg, List.of(BindingBody.of(vs, "b", List.of("policy-2"), 1, "NA"))));
        follower = new PluginFollower(fx.db, fx.plugins, new ReconcileQueue() {
            @Override
            public void request(ObjectType type, long id) {
                synchronized (requested) {
                    requested.add(type + " " + id);
                }
            }
        }, fx.ports);
    }

    @AfterEach
    void tearDown() {
        follower.close();
        fx.close();
    }

    @Test
    void anSdnPluginReconcilesTheGroupsOfTheConnectorsItSteers() throws Exception {
        follower.pluginChanged(info(SgFixture.SDN, PluginType.SDN_CONTROLLER), false);
        assertEquals(List.of("SECURITY_GROUP " + sg), awaitRequests(1));
    }

    @Test
    void aManagerPluginReconcilesItsConnectorsAppliancesAndTheGroupsBoundToThem() throws Exception {
        long mc = fx.db.inTransaction(s -> s.createSelectionQuery("select m.id from ManagerConnector m", Long.class)
                .getSingleResult());
        long da = fx.db.inTransaction(s -> s.createSelectionQuery("select a.id from DistributedAppliance a",
                Long.class).getSingleResult());
        follower.pluginChanged(info(SgFixture.MANAGER, PluginType.MANAGER), true);
        assertEquals(List.of("MANAGER_CONNECTOR " + mc, "DISTRIBUTED_APPLIANCE " + da, "SECURITY_GROUP " + sg),
                awaitRequests(3));
        assertEquals(false, requested.contains("SECURITY_GROUP " + other));
    }

    private List<String> awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (requested) {
                if (requested.size() >= count) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        Thread.sleep(100); // nothing more comes
        synchronized (requested) {
            return List.copyOf(requested);
        }
    }

    private static PluginInfo info(String name, PluginType type) {
        return new PluginInfo(name, type, "1.0.0", "READY", Map.of(), "test", -1, false);
    }
}
