package org.osc.itests.dist;

import static org.osc.itests.dist.OscRest.json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an end-to-end test sets up through REST before its flow: a manager connector to the sample manager, a
 * catalog entry with one software version, and a distributed appliance with one virtual system on a connector.
 *
 * @param virtualSystem the virtual system's id
 * @param policy the id of the first policy of the manager's first domain
 */
record SampleAppliance(long virtualSystem, String policy) {

    /**
     * Creates them, each job checked PASSED.
     *
     * @param model the appliance model and the base of the other names
     * @param virtualSystem more fields of the virtual system (e.g. {@code encapsulationType}), possibly none
     */
    static SampleAppliance create(OscRest osc, long vc, String model, Map<String, Object> virtualSystem) {
        JsonNode mc = osc.passedJobOf(osc.post(201, "server/v1/applianceManagerConnectors", json(Map.of(
                "name", model + "-manager", "managerType", "SampleManager", "ipAddress", "127.0.0.1",
                "username", "admin", "password", "admin123"))));
        JsonNode domain = osc.get("server/v1/applianceManagerConnectors/" + mc.path("id").asLong() + "/domains")
                .path("items").get(0);
        long appliance = osc.post(201, "server/v1/catalog", json(Map.of("model", model,
                "managerType", "SampleManager", "managerVersion", "1.0"))).path("id").asLong();
        long version = osc.post(201, "server/v1/catalog/" + appliance + "/versions", json(Map.of("swVersion", "1.0",
                "virtualizationType", "KUBERNETES", "virtualizationVersion", "1.32", "imageUrl",
                TestCluster.VNF_IMAGE))).path("id").asLong();
        Map<String, Object> vs = new HashMap<>(virtualSystem);
        vs.put("vcId", vc);
        vs.put("domainId", domain.path("id").asText());
        JsonNode da = osc.passedJobOf(osc.post(201, "server/v1/distributedAppliances", json(Map.of(
                "name", model + "-da", "managerConnectorId", mc.path("id").asLong(),
                "applianceSoftwareVersionId", version, "virtualSystems", List.of(vs)))));
        long vsId = osc.get("server/v1/distributedAppliances/" + da.path("id").asLong()).path("virtualSystems").get(0)
                .path("id").asLong();
        return new SampleAppliance(vsId, domain.path("policies").get(0).path("id").asText());
    }
}
