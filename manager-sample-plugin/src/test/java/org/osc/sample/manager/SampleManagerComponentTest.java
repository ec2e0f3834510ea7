package org.osc.sample.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osc.api.manager.ManagerPluginProperties;

/** The OSGi wiring, checked on what bnd generated: service properties, REST whiteboard properties, state file. */
class SampleManagerComponentTest {

    @Test
    void managerService_declaresItsCapabilities() throws Exception {
        Map<String, Object> properties = ComponentDescriptors.properties(SampleManagerComponent.class);
        assertEquals("SampleManager", properties.get(ManagerPluginProperties.PLUGIN_NAME));
        assertEquals("OSC Sample", properties.get(ManagerPluginProperties.VENDOR_NAME));
        assertEquals("Sample Inspection", properties.get(ManagerPluginProperties.SERVICE_NAME));
        assertEquals("PASSWORD", properties.get(ManagerPluginProperties.AUTHENTICATION_TYPE));
        for (String flag : new String[] {ManagerPluginProperties.SYNC_SECURITY_GROUP,
                ManagerPluginProperties.SYNC_POLICY_MAPPING, ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES,
                ManagerPluginProperties.PROVIDES_DEVICE_STATUS}) {
            assertEquals(Boolean.TRUE, properties.get(flag), flag);
        }
        // Configuration keys must stay private (leading dot) so the password is never a service property.
        assertFalse(properties.containsKey("password"));
        assertEquals("admin123", properties.get(".password"));
    }

    @Test
    void restResource_selectsTheJsonProvider() throws Exception {
        Map<String, Object> properties = ComponentDescriptors.properties(SampleManagerResource.class);
        assertEquals(Boolean.TRUE, properties.get("osgi.jakartars.resource"));
        assertEquals("(osgi.jakartars.media.type=application/json)", properties.get("osgi.jakartars.extension.select"));
    }

    @Test
    void stateFile_followsOscDataDir() {
        Path file = SampleManagerComponent.stateFile(Map.of("osc.data.dir", "data")::get, name -> new File("unused"));
        assertEquals(Path.of("data", "sample-manager", "state.json"), file);
    }

    @Test
    void stateFile_fallsBackToTheBundleDataArea() {
        Path file = SampleManagerComponent.stateFile(name -> null, name -> new File("bundle-data", name));
        assertEquals(Path.of("bundle-data", "state.json"), file);
        assertThrows(IllegalStateException.class, () -> SampleManagerComponent.stateFile(name -> null, name -> null));
    }
}
