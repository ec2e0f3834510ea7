package org.osc.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code create da} and {@code create ds}: deploying an appliance version and running its VNF pods. */
public final class CreateDeployments {

    private CreateDeployments() {
    }

    /** {@code oscctl create da}: a distributed appliance, one virtual system per virtualization connector. */
    @Command(name = "da", aliases = { "distributed-appliance", "distributed-appliances" },
            description = "Create a distributed appliance: an appliance version deployed through a manager "
                    + "connector on one or more virtualization connectors.",
            footer = { "%nThe answer's virtual system ids (oscctl get da NAME -o json) are the --vs of ds and dai.",
                "%nExample:%n  oscctl create da --name da-1 --mc manager-1 --appliance fw-1 --sw-version 1.0 \\%n"
                        + "      --virtual-system vc=cluster-1,domain=domain-1 --wait" })
    public static class Da extends CreateCommand.Base {

        @Option(names = "--name", paramLabel = "NAME", description = "Unique name.")
        String name;

        @Option(names = "--mc", paramLabel = "MC", description = "The manager connector (id or name).")
        String mc;

        @Option(names = "--sw-version", paramLabel = "VERSION",
                description = "The software version: its id, or its swVersion together with --appliance.")
        String version;

        @Option(names = "--appliance", paramLabel = "APPLIANCE",
                description = "The appliance (id or model) --sw-version is looked up in.")
        String appliance;

        @Option(names = "--virtual-system", paramLabel = "vc=VC,domain=ID[,encapsulation=TYPE]",
                description = "A virtual system (repeatable): the virtualization connector (id or name), the "
                        + "manager domain id, and optionally the encapsulation type.")
        List<String> virtualSystems;

        @Override
        public Integer call() {
            Resolver resolver = resolver();
            ObjectNode body = body();
            put(body, "name", name);
            if (mc != null) {
                body.put("managerConnectorId", Long.parseLong(resolver.id(Kind.MC, Scope.ROOT, mc)));
            }
            if (version != null) {
                String id = appliance == null ? Resolver.numeric("--sw-version (without --appliance)", version)
                        : resolver.id(Kind.VERSIONS, Scope.ROOT.withAppliance(
                                resolver.id(Kind.APPLIANCES, Scope.ROOT, appliance)), version);
                body.put("applianceSoftwareVersionId", Long.parseLong(id));
            } else if (appliance != null) {
                throw CliException.usage("--appliance only serves to look up --sw-version");
            }
            if (virtualSystems != null && !virtualSystems.isEmpty()) {
                ArrayNode array = body.putArray("virtualSystems");
                for (String spec : virtualSystems) {
                    array.add(virtualSystem(spec, resolver));
                }
            }
            return post(Kind.DA, Kind.DA.collection(Scope.ROOT), body);
        }

        private static ObjectNode virtualSystem(String spec, Resolver resolver) {
            Map<String, String> parts = new HashMap<>();
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw CliException.usage("--virtual-system takes vc=VC,domain=ID[,encapsulation=TYPE], not '"
                            + spec + "'");
                }
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
            ObjectNode vs = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, String> part : parts.entrySet()) {
                switch (part.getKey()) {
                    case "vc" -> vs.put("vcId", Long.parseLong(resolver.id(Kind.VC, Scope.ROOT, part.getValue())));
                    case "domain" -> vs.put("domainId", part.getValue());
                    case "encapsulation" -> vs.put("encapsulationType", part.getValue());
                    default -> throw CliException.usage("--virtual-system knows vc, domain and encapsulation, not '"
                            + part.getKey() + "'");
                }
            }
            return vs;
        }
    }

    /** {@code oscctl create ds --vs ID}: a deployment spec; its job deploys the VNF pods. */
    @Command(name = "ds", aliases = { "deployment-spec", "deployment-specs" },
            description = "Create a deployment spec: how many VNF instances of a virtual system run in a "
                    + "namespace; a job deploys them.",
            footer = { "%nExample:%n  oscctl create ds --vs 4 --name spec-1 --namespace vnf --count 2 --wait" })
    public static class Ds extends CreateCommand.Base {

        @Option(names = "--vs", required = true, paramLabel = "VS_ID", description = "The virtual system id.")
        String vs;

        @Option(names = "--name", paramLabel = "NAME", description = "Unique within the virtual system.")
        String name;

        @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "The namespace the VNF pods run in.")
        String namespace;

        @Option(names = "--count", paramLabel = "N", description = "Wanted instances, 0 or more.")
        Long count;

        @Override
        public Integer call() {
            Scope scope = Scope.ROOT.withVs(Resolver.numeric("--vs", vs));
            ObjectNode body = body();
            put(body, "name", name);
            put(body, "namespace", namespace);
            put(body, "count", count);
            return post(Kind.DS, Kind.DS.collection(scope), body);
        }
    }
}
