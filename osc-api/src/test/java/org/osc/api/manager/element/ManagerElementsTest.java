package org.osc.api.manager.element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ManagerObjectNotFoundException;
import org.osc.api.manager.ManagerValidationException;

class ManagerElementsTest {

    @Test
    void connectorToString_hidesSecrets() {
        ManagerConnectorElement connector = ManagerConnectorElement.withPassword("mc", "10.0.0.1", "admin", "s3cret");
        assertFalse(connector.toString().contains("s3cret"), connector.toString());
        assertTrue(connector.toString().contains("admin"));
        ManagerConnectorElement keyed = ManagerConnectorElement.withApiKey("mc", "10.0.0.1", "k3y");
        assertFalse(keyed.toString().contains("k3y"), keyed.toString());
    }

    @Test
    void connector_normalizesAbsentCredentialsAndCopiesAttributes() {
        Map<String, String> attributes = new HashMap<>(Map.of("port", "8443"));
        ManagerConnectorElement connector = new ManagerConnectorElement("mc", "h", null, null, null, attributes);
        attributes.put("port", "1");
        assertEquals("", connector.username());
        assertEquals("", connector.password());
        assertEquals("", connector.apiKey());
        assertEquals(Map.of("port", "8443"), connector.attributes());
    }

    @Test
    void elements_areImmutableCopies() {
        List<String> ips = new ArrayList<>(List.of("10.0.0.1"));
        DeviceMemberSpec spec = new DeviceMemberSpec("vnf", ips);
        ips.add("10.0.0.2");
        assertEquals(List.of("10.0.0.1"), spec.ipAddresses());
        assertThrows(UnsupportedOperationException.class, () -> spec.ipAddresses().add("x"));
        assertThrows(NullPointerException.class, () -> new DeviceSpec(null, "vs", "d"));
    }

    @Test
    void interfaceSpec_sortsPoliciesSoEqualSetsCompareEqual() {
        SecurityGroupInterfaceSpec a = new SecurityGroupInterfaceSpec("n", "b", "g", "d", Set.of("p2", "p1"), null, 1);
        SecurityGroupInterfaceSpec b = new SecurityGroupInterfaceSpec("n", "b", "g", "d", Set.of("p1", "p2"), "", 1);
        assertEquals(a, b);
        assertEquals(List.of("p1", "p2"), List.copyOf(a.policyIds()));
        assertEquals(a, new SecurityGroupInterfaceElement("i", "n", "b", "g", "d", a.policyIds(), "", 1).toSpec());
    }

    @Test
    void elements_turnBackIntoTheirSpecs() {
        assertEquals(new DeviceSpec("n", "vs", "d"), new DeviceElement("1", "n", "vs", "d").toSpec());
        assertEquals(new DeviceMemberSpec("m", List.of()), new DeviceMemberElement("1", "2", "m", null).toSpec());
        assertEquals(new SecurityGroupSpec("g", "sg", List.of()), new SecurityGroupElement("1", "g", "sg", null).toSpec());
    }

    @Test
    void exceptions_carryWhatOscNeeds() {
        ManagerObjectNotFoundException notFound = new ManagerObjectNotFoundException("device", "d-1");
        assertEquals("device", notFound.getObjectType());
        assertEquals("d-1", notFound.getObjectId());
        assertEquals("policyIds", new ManagerValidationException("policyIds", "unknown").getField().orElseThrow());
        assertTrue(new ManagerValidationException(null, "bad").getField().isEmpty());
    }
}
