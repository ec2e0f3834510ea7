package org.osc.itests.dist;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What OSC and the sample SDN controller show of one security group, read over REST: its members and their ports
 * (OSC's view) and its port group (the controller's, by the name OSC registers it under).
 *
 * @param osc the REST client
 * @param vc the virtualization connector's id
 * @param sg the security group's id
 */
record GroupView(OscRest osc, long vc, long sg) {

    /** @return the group's REST path */
    String path() {
        return "server/v1/virtualizationConnectors/" + vc + "/securityGroups/" + sg;
    }

    /** @return the members as "namespace/name" */
    Set<String> memberNames() {
        Set<String> names = new TreeSet<>();
        osc.get(path() + "/members").path("items").forEach(m -> names.add(m.path("namespace").asText() + "/"
                + m.path("name").asText()));
        return names;
    }

    /** @return the SDN port ids OSC shows for the members */
    Set<String> memberPorts() {
        Set<String> ports = new TreeSet<>();
        osc.get(path() + "/members").path("items").forEach(m -> m.path("ports")
                .forEach(p -> ports.add(p.path("portId").asText())));
        return ports;
    }

    /** @return the group's port group on the sample SDN controller, or an empty node when it has none */
    JsonNode portGroup() {
        for (JsonNode group : osc.get("plugins/sample/sdn/port-groups").path("items")) {
            if (group.path("name").asText().equals("osc-sg-" + sg)) {
                return group;
            }
        }
        return new ObjectMapper().createObjectNode();
    }

    /** @return the port ids in that port group */
    Set<String> portGroupMembers() {
        Set<String> ports = new TreeSet<>();
        portGroup().path("members").forEach(m -> ports.add(m.path("id").asText()));
        return ports;
    }
}
