package org.osc.sample.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.api.manager.element.DeviceElement;
import org.osc.api.manager.element.DeviceMemberSpec;
import org.osc.api.manager.element.DeviceSpec;
import org.osc.api.manager.element.ManagerConnectorElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.NotFoundException;

/** The REST resource in memory: what it returns, as the server's Jackson provider would write it. */
class SampleManagerResourceTest {

    private static final ManagerConnectorElement ADMIN =
            ManagerConnectorElement.withPassword("sample", "10.3.0.2", "admin", "admin123");
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    private SampleManager manager;
    private SampleManagerResource resource;

    @BeforeEach
    void setUp() {
        manager = new SampleManager(dir.resolve("state.json"));
        resource = new SampleManagerResource(manager);
    }

    @Test
    void domains_areListedWithPolicies() throws Exception {
        JsonNode body = json.valueToTree(resource.domains());
        assertEquals("Default Domain", body.at("/items/0/name").asText());
        assertEquals("Allow All", body.at("/items/0/policies/0/name").asText());
    }

    @Test
    void devices_includeMembers_andSummaryCountsCalls() throws Exception {
        DeviceElement device = manager.createDeviceApi(ADMIN).createDevice(new DeviceSpec("d", "vs-1", "domain-1"));
        manager.createDeviceApi(ADMIN).createDeviceMember(device.id(), new DeviceMemberSpec("vnf-0", List.of("10.2.0.5")));

        JsonNode devices = json.valueToTree(resource.devices());
        assertEquals("vs-1", devices.at("/items/0/virtualSystemId").asText());
        assertEquals("10.2.0.5", devices.at("/items/0/members/0/ipAddresses/0").asText());
        JsonNode summary = json.valueToTree(resource.summary());
        assertEquals(1, summary.at("/devices").asInt());
        assertEquals(1, summary.at("/operations/createDeviceMember/changes").asInt());
        assertTrue(json.valueToTree(resource.securityGroups()).at("/items").isEmpty());
        assertTrue(json.valueToTree(resource.securityGroupInterfaces()).at("/items").isEmpty());
    }

    @Test
    void delete_simulatesDrift_andUnknownIs404() throws Exception {
        DeviceElement device = manager.createDeviceApi(ADMIN).createDevice(new DeviceSpec("d", "vs-1", "domain-1"));

        assertEquals(204, resource.deleteDevice(device.id()).getStatus());
        assertTrue(manager.devices().isEmpty());
        assertThrows(NotFoundException.class, () -> resource.deleteDevice(device.id()));
        assertThrows(NotFoundException.class, () -> resource.deleteSecurityGroup("group-404"));
    }
}
