package org.osc.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ObjectPathTest {

    @Test
    void theLastCollectionAndIdOfThePathIsTheObject() {
        assertEquals(new ObjectPath("VIRTUALIZATION_CONNECTOR", "3"),
                ObjectPath.of("/server/v1/virtualizationConnectors/3"));
        assertEquals(new ObjectPath("SECURITY_GROUP", "7"),
                ObjectPath.of("/server/v1/virtualizationConnectors/3/securityGroups/7"));
        assertEquals(new ObjectPath("APPLIANCE_SOFTWARE_VERSION", "12"),
                ObjectPath.of("server/v1/catalog/4/versions/12"));
        assertEquals(new ObjectPath("DEPLOYMENT_SPEC", "9"),
                ObjectPath.of("/server/v1/virtualSystems/2/deploymentSpecs/9"));
        assertEquals(new ObjectPath("USER", "alice"), ObjectPath.of("/server/v1/users/alice"));
        assertEquals(new ObjectPath("PLUGIN", "OVN"), ObjectPath.of("/server/v1/plugins/OVN"));
    }

    @Test
    void actionsAndPartsAfterTheIdAreAboutThatObject() {
        assertEquals(new ObjectPath("SECURITY_GROUP", "7"),
                ObjectPath.of("/server/v1/virtualizationConnectors/3/securityGroups/7/members"));
        assertEquals(new ObjectPath("SECURITY_GROUP", "7"),
                ObjectPath.of("/server/v1/virtualizationConnectors/3/securityGroups/7/bindings"));
        assertEquals(new ObjectPath("DISTRIBUTED_APPLIANCE", "5"),
                ObjectPath.of("/server/v1/distributedAppliances/5/force"));
        assertEquals(new ObjectPath("MANAGER_CONNECTOR", "1"),
                ObjectPath.of("/server/v1/applianceManagerConnectors/1/sync"));
    }

    @Test
    void aCollectionAtTheEndNamesTheTypeOfACreateWithoutAnId() {
        ObjectPath create = ObjectPath.of("/server/v1/virtualizationConnectors/3/securityGroups");
        assertEquals(new ObjectPath("SECURITY_GROUP", null), create);
        assertEquals(new ObjectPath("SECURITY_GROUP", "8"), create.withCreated("8"));
        assertEquals(new ObjectPath("APPLIANCE", null), ObjectPath.of("/server/v1/catalog/"));
        // an id already in the path stays
        assertEquals(new ObjectPath("USER", "bob"), ObjectPath.of("/server/v1/users/bob").withCreated("x"));
    }

    @Test
    void singletonGroupsAndPluginViewsAndOtherPaths() {
        assertEquals(new ObjectPath("SECRET_KEYS", null),
                ObjectPath.of("/server/v1/serverManagement/secretKeys/rotate"));
        assertEquals(new ObjectPath("STATUS", null), ObjectPath.of("/server/v1/serverManagement/status"));
        assertEquals(new ObjectPath("PLUGIN_RESOURCE", "sample"), ObjectPath.of("/plugins/sample/sdn/ports"));
        assertEquals(new ObjectPath(null, null), ObjectPath.of("/openapi.json"));
        assertEquals(new ObjectPath(null, null), ObjectPath.of("/server/v1/nothingHere/3"));
        assertEquals(new ObjectPath(null, null), ObjectPath.of(null));
        assertEquals("SECURITY_GROUP 7",
                ObjectPath.of("/server/v1/virtualizationConnectors/3/securityGroups/7").describe());
    }
}
