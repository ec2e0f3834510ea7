package org.osc.simcluster.server;

import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscoveryTest {

    private final Discovery discovery = new Discovery();

    @Test
    void coreAndGroupDocumentsAreRealDiscoveryTypes() {
        assertEquals("v1", Serialization.unmarshal(discovery.document("/api").orElseThrow(), APIVersions.class)
                .getVersions().get(0));
        APIGroupList groups = Serialization.unmarshal(discovery.document("/apis").orElseThrow(), APIGroupList.class);
        assertTrue(groups.getGroups().stream().anyMatch(g -> g.getName().equals("apps")));
        assertTrue(groups.getGroups().stream().anyMatch(g -> g.getName().equals("networking.k8s.io")));
        assertTrue(groups.getGroups().stream().anyMatch(g -> g.getName().equals("authorization.k8s.io")));
        APIResourceList apps = Serialization.unmarshal(discovery.document("/apis/apps/v1").orElseThrow(),
                APIResourceList.class);
        assertTrue(apps.getResources().stream().anyMatch(r -> r.getName().equals("deployments") && r.getNamespaced()));
        assertEquals("32", Serialization.unmarshal(discovery.document("/version").orElseThrow(), VersionInfo.class)
                .getMinor());
    }

    @Test
    void theTypesOfOscsOwnManifestsAreDiscoveredSoThatKubectlApplyKnowsThem() {
        for (String[] type : new String[][] {{"/apis/rbac.authorization.k8s.io/v1", "clusterroles", "false"},
                {"/apis/rbac.authorization.k8s.io/v1", "rolebindings", "true"},
                {"/apis/policy/v1", "poddisruptionbudgets", "true"},
                {"/apis/coordination.k8s.io/v1", "leases", "true"}}) {
            APIResourceList list = Serialization.unmarshal(discovery.document(type[0]).orElseThrow(),
                    APIResourceList.class);
            assertTrue(list.getResources().stream().anyMatch(r -> r.getName().equals(type[1])
                    && r.getNamespaced() == Boolean.parseBoolean(type[2])), type[0] + " " + type[1]);
        }
    }

    @Test
    void matchesOnThePathWithoutItsQuery() {
        assertTrue(discovery.document("/api/v1?timeout=32s").isPresent());
        assertTrue(discovery.document("/apis/networking.k8s.io/v1/").isPresent());
    }

    @Test
    void leavesResourcePathsToTheStore() {
        assertTrue(discovery.document("/api/v1/pods").isEmpty());
        assertTrue(discovery.document("/apis/apps/v1/namespaces/default/deployments").isEmpty());
    }
}
