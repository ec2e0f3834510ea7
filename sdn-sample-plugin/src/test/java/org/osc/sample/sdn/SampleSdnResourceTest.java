package org.osc.sample.sdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.sdn.InMemoryRest.Reply;
import org.osc.sdn.api.RedirectionSession;
import org.osc.sdn.api.contract.RecordingNotifications;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.InspectionPort;
import org.osc.sdn.api.element.NetworkElement;
import org.osc.sdn.api.element.PortGroup;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.sdn.api.element.WorkloadIdentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The REST resource in memory, on a real controller: paths, status codes and JSON shapes. */
class SampleSdnResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VirtualizationConnectorElement VC =
            new VirtualizationConnectorElement("vc", "KUBERNETES", Map.of());

    @TempDir
    Path dir;

    private SampleSdnController sdn;
    private InMemoryRest rest;

    @BeforeEach
    void start() {
        sdn = new SampleSdnController(dir.resolve("state.json"), "1.0.0");
        rest = new InMemoryRest(new SampleSdnResource(sdn));
    }

    @Test
    void putPort_thenGetPorts() throws Exception {
        Reply put = rest.call("PUT", "sample/sdn/ports/shop/web-0",
                "{\"macAddress\":\"02:00:00:00:00:0A\",\"ipAddresses\":[\"10.0.0.5\"]}");
        assertEquals(200, put.status(), put.body());
        assertEquals("port-shop-web-0", JSON.readTree(put.body()).get("portId").asText());

        JsonNode ports = get("sample/sdn/ports").get("items");
        assertEquals(1, ports.size());
        assertEquals("02:00:00:00:00:0a", ports.get(0).get("macAddresses").get(0).asText());
        assertEquals("TOLD", ports.get(0).get("source").asText());

        assertEquals(400, rest.call("PUT", "sample/sdn/ports/shop/web-1", "{\"ipAddresses\":[\"x y\"]}").status());
    }

    @Test
    void stateAndListings_showWhatOscRegistered_andCounters() throws Exception {
        String[] ids = registerGroupAndHook();
        JsonNode groups = get("sample/sdn/port-groups").get("items");
        assertEquals("sg-1", groups.get(0).get("name").asText());
        assertEquals("port-uid-web", groups.get(0).get("members").get(0).get("id").asText());
        assertEquals("sg-1", get("sample/sdn/port-groups/" + ids[0]).get("name").asText());

        JsonNode hook = get("sample/sdn/hooks").get("items").get(0);
        assertEquals(ids[1], hook.get("id").asText());
        assertEquals("PORT_GROUP", hook.get("inspectedKind").asText());
        assertEquals(ids[0], hook.get("inspectedId").asText());
        assertEquals(100, hook.get("tag").asLong());
        assertEquals("VXLAN", hook.get("encapsulation").asText());
        assertEquals(4, hook.get("order").asLong());
        assertEquals("FAIL_CLOSE", hook.get("failurePolicy").asText());
        assertEquals(1, get("sample/sdn/inspection-ports").get("items").size());

        JsonNode state = get("sample/sdn/state");
        assertEquals("SampleSdn", state.get("name").asText());
        assertEquals(1, state.get("counters").get("calls").get("installInspectionHook").asLong());
        assertEquals(1, get("sample/sdn/calls").get("changes").get("registerPortGroup").asLong());
    }

    @Test
    void drift_deletes_answer204_then404() throws Exception {
        String[] ids = registerGroupAndHook();
        assertEquals(204, rest.call("DELETE", "sample/sdn/hooks/" + ids[1], null).status());
        assertEquals(404, rest.call("DELETE", "sample/sdn/hooks/" + ids[1], null).status());
        assertEquals(204, rest.call("DELETE", "sample/sdn/port-groups/" + ids[0], null).status());
        assertEquals(404, rest.call("GET", "sample/sdn/port-groups/" + ids[0], null).status());
        String inspectionPort = get("sample/sdn/inspection-ports").get("items").get(0).get("id").asText();
        assertEquals(204, rest.call("DELETE", "sample/sdn/inspection-ports/" + inspectionPort, null).status());
        assertEquals(0, get("sample/sdn/state").get("inspectionPorts").size());
    }

    @Test
    void deletePort_answers204_then404_andIsPushed() throws Exception {
        RecordingNotifications osc = new RecordingNotifications();
        sdn.startNotifications(osc);
        sdn.getStatus(VC);
        rest.call("PUT", "sample/sdn/ports/shop/web-0", "{\"ipAddresses\":[\"10.0.0.5\"]}");
        assertEquals(204, rest.call("DELETE", "sample/sdn/ports/shop/web-0", null).status());
        assertEquals(404, rest.call("DELETE", "sample/sdn/ports/shop/web-0", null).status());
        assertEquals(0, get("sample/sdn/ports").get("items").size());
        assertEquals(2, osc.received().size(), "told, then gone");
    }

    @Test
    void putMembers_setsThemBehindOscsBack_400ForAnUnknownPort_404ForAnUnknownGroup() throws Exception {
        String[] ids = registerGroupAndHook();
        Reply put = rest.call("PUT", "sample/sdn/port-groups/" + ids[0] + "/members", "{\"portIds\":[\"port-uid-vnf\"]}");
        assertEquals(200, put.status(), put.body());
        assertEquals("port-uid-vnf", JSON.readTree(put.body()).get("members").get(0).get("id").asText());
        assertEquals(200, rest.call("PUT", "sample/sdn/port-groups/" + ids[0] + "/members", "{\"portIds\":[]}")
                .status());
        assertEquals(0, get("sample/sdn/port-groups/" + ids[0]).get("members").size());
        assertEquals(400, rest.call("PUT", "sample/sdn/port-groups/" + ids[0] + "/members",
                "{\"portIds\":[\"port-404\"]}").status());
        assertEquals(400, rest.call("PUT", "sample/sdn/port-groups/" + ids[0] + "/members", "{}").status());
        assertEquals(404, rest.call("PUT", "sample/sdn/port-groups/pg-404/members", "{\"portIds\":[]}").status());
    }

    @Test
    void reachable_togglesTheController() throws Exception {
        Reply down = rest.call("PUT", "sample/sdn/reachable", "{\"reachable\":false}");
        assertEquals(200, down.status(), down.body());
        assertTrue(!get("sample/sdn/state").get("reachable").asBoolean());
        rest.call("PUT", "sample/sdn/reachable", "{\"reachable\":true}");
        assertTrue(get("sample/sdn/state").get("reachable").asBoolean());
    }

    private JsonNode get(String path) throws Exception {
        Reply reply = rest.call("GET", path, null);
        assertEquals(200, reply.status(), reply.body());
        return JSON.readTree(reply.body());
    }

    /** Registers a port group with a hook to an inspection port; returns the group and hook ids. */
    private String[] registerGroupAndHook() throws Exception {
        try (RedirectionSession s = sdn.openSession(VC)) {
            NetworkElement web = s.getWorkloadPort(new WorkloadIdentity("shop", "web", "uid-web", List.of("10.0.0.5")));
            NetworkElement vnf = s.getWorkloadPort(new WorkloadIdentity("shop", "vnf", "uid-vnf", List.of("10.0.1.1")));
            PortGroup group = s.registerPortGroup("sg-1", Set.of(web));
            InspectionPort ip = s.registerInspectionPort(vnf, vnf);
            String hook = s.installInspectionHook(new InspectionHookSpec(InspectedElement.portGroup(group.id()), ip.id(),
                    100, TagEncapsulation.VXLAN, 4, FailurePolicy.FAIL_CLOSE)).id();
            return new String[] {group.id(), hook};
        }
    }
}
