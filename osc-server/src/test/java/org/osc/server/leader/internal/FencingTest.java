package org.osc.server.leader.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerDeviceApi;
import org.osc.platform.api.DeploymentTarget;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnNotifier;
import org.osc.server.leader.NotLeaderException;
import org.osc.server.leader.TestLeadership;

/** Fencing on the SPI boundary: writes refused on a replica that does not lead, reads and sub-APIs pass. */
class FencingTest {

    private final List<String> called = new ArrayList<>();
    private final TestLeadership election = new TestLeadership("me", true);

    /** A plugin object implementing the interfaces, recording each call's name and answering defaults. */
    private Object plugin(Class<?>... interfaces) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), interfaces, (proxy, method, args) -> {
            called.add(method.getName());
            Class<?> returned = method.getReturnType();
            if (returned == RedirectionSession.class) {
                return plugin(RedirectionSession.class);
            }
            if (returned == ManagerDeviceApi.class) {
                return plugin(ManagerDeviceApi.class);
            }
            if (returned == Optional.class) {
                return Optional.empty();
            }
            if (returned == List.class) {
                return List.of();
            }
            if (returned == boolean.class) {
                return false;
            }
            if (method.getName().equals("hashCode")) {
                return 1;
            }
            return null;
        });
    }

    @Test
    void sdnWritesAreRefusedWhenNotLeadingAndReadsPass() throws Exception {
        SdnControllerApi sdn = Fencing.wrap(SdnControllerApi.class,
                (SdnControllerApi) plugin(SdnControllerApi.class, SdnNotifier.class), () -> election);
        assertInstanceOf(SdnNotifier.class, sdn, "the plugin's other SPI interfaces stay visible");
        RedirectionSession session = sdn.openSession(null);
        session.registerPortGroup("g", Set.of());
        election.lose();
        assertThrows(NotLeaderException.class, () -> session.updatePortGroup("g", Set.of()));
        assertThrows(NotLeaderException.class, () -> session.deletePortGroup("g"));
        assertThrows(NotLeaderException.class, () -> session.removeInspectionHook("h"));
        session.getPortGroup("g");
        session.getWorkloadPort(null);
        sdn.openSession(null).close();
        assertEquals(List.of("openSession", "registerPortGroup", "getPortGroup", "getWorkloadPort", "openSession",
                "close"), called, "no write reached the plugin while not leading");
    }

    @Test
    void managerSubApisAreFencedToo() throws Exception {
        ApplianceManagerApi manager = Fencing.wrap(ApplianceManagerApi.class,
                (ApplianceManagerApi) plugin(ApplianceManagerApi.class), () -> election);
        election.lose();
        ManagerDeviceApi devices = manager.createDeviceApi(null);
        devices.listDevices();
        assertThrows(NotLeaderException.class, () -> devices.createDevice(null));
        assertThrows(NotLeaderException.class, () -> devices.deleteDevice("d"));
        assertEquals(List.of("createDeviceApi", "listDevices"), called);
    }

    @Test
    void clusterWritesAreFenced() throws Exception {
        DeploymentTarget target = Fencing.wrap(DeploymentTarget.class,
                (DeploymentTarget) plugin(DeploymentTarget.class), () -> election);
        election.lose();
        target.type();
        assertThrows(NotLeaderException.class, () -> target.apply(null));
        assertThrows(NotLeaderException.class, () -> target.remove(null));
        election.lead();
        target.apply(null);
        assertEquals(List.of("type", "apply"), called);
    }

    @Test
    void withoutAnElectionEveryCallPasses() throws Exception {
        DeploymentTarget target = Fencing.wrap(DeploymentTarget.class,
                (DeploymentTarget) plugin(DeploymentTarget.class), () -> null);
        target.apply(null);
        assertTrue(called.contains("apply"));
    }

    @Test
    void notElectedRefusesEveryWrite() {
        assertThrows(NotLeaderException.class, NotElected.INSTANCE::checkLeader);
    }

    @Test
    void lockChoice() {
        assertEquals(LockChoice.NONE, LockChoice.choose("auto", "H2", false));
        assertEquals(LockChoice.NONE, LockChoice.choose("", "H2", true));
        assertEquals(LockChoice.DATABASE, LockChoice.choose("auto", "PostgreSQL", false));
        assertEquals(LockChoice.KUBERNETES, LockChoice.choose("auto", "PostgreSQL", true));
        assertEquals(LockChoice.KUBERNETES, LockChoice.choose("Kubernetes", "PostgreSQL", false));
        assertEquals(LockChoice.NONE, LockChoice.choose("none", "PostgreSQL", true));
        IllegalArgumentException h2 = assertThrows(IllegalArgumentException.class,
                () -> LockChoice.choose("database", "H2", false));
        assertTrue(h2.getMessage().contains("several replicas need PostgreSQL"), h2.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> LockChoice.choose("zookeeper", "PostgreSQL", false));
        assertTrue(wrong.getMessage().contains("OSC_LEADER_ELECTION"), wrong.getMessage());
    }
}
