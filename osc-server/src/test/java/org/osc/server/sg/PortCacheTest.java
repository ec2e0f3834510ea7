package org.osc.server.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.platform.api.Workload;
import org.osc.sdn.api.element.NetworkElement;

class PortCacheTest {

    private final PortCache cache = new PortCache();
    private final Workload web1 = pod("web-1", "10.0.0.1");
    private final Workload web2 = pod("web-2", "10.0.0.2");

    @Test
    void aPortIsKeptWhileAGroupHoldsThePodAndItsAddressesStayTheSame() {
        cache.track(1, "k8s", List.of(web1, web2));
        cache.put("k8s", web1, port("p1"));
        assertEquals(Optional.of(port("p1")), cache.port("k8s", web1));
        assertEquals(Optional.empty(), cache.port("other", web1), "per connector");
        assertEquals(Optional.empty(), cache.port("k8s", pod("web-1", "10.0.0.9")), "new IP: asked again");
        assertEquals(1, cache.size());
    }

    @Test
    void aPodThatLeavesEveryGroupIsForgotten() {
        cache.track(1, "k8s", List.of(web1));
        cache.track(2, "k8s", List.of(web1));
        cache.put("k8s", web1, port("p1"));
        cache.track(1, "k8s", List.of());
        assertEquals(Optional.of(port("p1")), cache.port("k8s", web1), "group 2 still holds it");
        cache.untrack(2);
        assertEquals(Optional.empty(), cache.port("k8s", web1));
        assertEquals(0, cache.size());
        assertTrue(cache.portChanged("k8s", "shop", "web-1", "").isEmpty(), "nor found by its name any more");
    }

    @Test
    void aPushedChangeForgetsThePortAndNamesTheGroupsToReconcileByUidOrByName() {
        cache.track(1, "k8s", List.of(web1, web2));
        cache.track(2, "k8s", List.of(web1));
        cache.put("k8s", web1, port("p1"));
        assertEquals(Set.of(1L, 2L), cache.portChanged("k8s", "shop", "web-1", web1.uid()));
        assertEquals(Optional.empty(), cache.port("k8s", web1));
        assertEquals(Set.of(1L), cache.portChanged("k8s", "shop", "web-2", ""), "a plugin that knows no uid");
        assertTrue(cache.portChanged("k8s", "shop", "unknown", "").isEmpty());
        assertTrue(cache.portChanged("other", "shop", "web-1", "").isEmpty());
    }

    @Test
    void aFailedWriteOrAPluginChangeForgetsPorts() {
        cache.track(1, "k8s", List.of(web1));
        cache.track(2, "k8s", List.of(web2));
        cache.put("k8s", web1, port("p1"));
        cache.put("k8s", web2, port("p2"));
        cache.forgetPorts(1);
        assertEquals(Optional.empty(), cache.port("k8s", web1));
        assertEquals(Optional.of(port("p2")), cache.port("k8s", web2));
        cache.clear();
        assertEquals(0, cache.size());
    }

    private static Workload pod(String name, String ip) {
        return new Workload("shop", name, "uid-" + name, List.of(ip), Map.of("app", "web"));
    }

    private static NetworkElement port(String id) {
        return new NetworkElement(id, List.of("0a:00:00:00:00:01"), List.of("10.0.0.1"), "");
    }
}
