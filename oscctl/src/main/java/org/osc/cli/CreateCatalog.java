package org.osc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code create appliance} and {@code create version}: the catalog of appliance models and VNF images. */
public final class CreateCatalog {

    private CreateCatalog() {
    }

    /** {@code oscctl create appliance}: an appliance model. */
    @Command(name = "appliance", aliases = "appliances", description = "Add an appliance model to the catalog.",
            footer = { "%nExample:%n  oscctl create appliance --model fw-1 --manager-type SampleManager "
                    + "--manager-version 1.0" })
    public static class Appliance extends CreateCommand.Base {

        @Option(names = "--model", paramLabel = "MODEL", description = "Unique model name.")
        String model;

        @Option(names = "--manager-type", paramLabel = "MANAGER_PLUGIN", description = "The manager plugin.")
        String managerType;

        @Option(names = "--manager-version", paramLabel = "VERSION", description = "The manager version.")
        String managerVersion;

        @Override
        public Integer call() {
            ObjectNode body = body();
            put(body, "model", model);
            put(body, "managerType", managerType);
            put(body, "managerVersion", managerVersion);
            return post(Kind.APPLIANCES, Kind.APPLIANCES.collection(Scope.ROOT), body);
        }
    }

    /** {@code oscctl create version --appliance A}: a software version (VNF image) of an appliance. */
    @Command(name = "version", aliases = "versions", description = "Add a software version (VNF image) to an "
            + "appliance.",
            footer = { "%nExample:%n  oscctl create version --appliance fw-1 --sw-version 1.0 "
                    + "\\%n      --virtualization-version 1.30 --image-url registry.example/fw:1.0 "
                    + "--cpu-request 500m" })
    public static class Version extends CreateCommand.Base {

        @Option(names = "--appliance", required = true, paramLabel = "APPLIANCE",
                description = "The appliance (id or model).")
        String appliance;

        @Option(names = "--sw-version", paramLabel = "VERSION", description = "The software version.")
        String swVersion;

        @Option(names = "--virtualization-type", paramLabel = "TYPE", description = "Default KUBERNETES.")
        String virtualizationType;

        @Option(names = "--virtualization-version", paramLabel = "VERSION",
                description = "The Kubernetes version it is built for.")
        String virtualizationVersion;

        @Option(names = "--image-url", paramLabel = "IMAGE", description = "The container image reference.")
        String imageUrl;

        @Option(names = "--image-pull-secret", paramLabel = "SECRET", description = "Pull secret name.")
        String imagePullSecretName;

        @Option(names = "--cpu-request", paramLabel = "QUANTITY", description = "e.g. 500m.")
        String cpuRequest;

        @Option(names = "--memory-request", paramLabel = "QUANTITY", description = "e.g. 256Mi.")
        String memoryRequest;

        @Option(names = "--cpu-limit", paramLabel = "QUANTITY", description = "At least the request.")
        String cpuLimit;

        @Option(names = "--memory-limit", paramLabel = "QUANTITY", description = "At least the request.")
        String memoryLimit;

        @Override
        public Integer call() {
            Scope scope = Scope.ROOT.withAppliance(resolver().id(Kind.APPLIANCES, Scope.ROOT, appliance));
            ObjectNode body = body();
            put(body, "swVersion", swVersion);
            put(body, "virtualizationType", virtualizationType);
            if (!body.hasNonNull("virtualizationType")) {
                body.put("virtualizationType", "KUBERNETES"); // the one type there is
            }
            put(body, "virtualizationVersion", virtualizationVersion);
            put(body, "imageUrl", imageUrl);
            put(body, "imagePullSecretName", imagePullSecretName);
            if (cpuRequest != null || memoryRequest != null || cpuLimit != null || memoryLimit != null) {
                ObjectNode resources = body.has("resources") && body.get("resources").isObject()
                        ? (ObjectNode) body.get("resources") : body.putObject("resources");
                put(resources, "cpuRequest", cpuRequest);
                put(resources, "memoryRequest", memoryRequest);
                put(resources, "cpuLimit", cpuLimit);
                put(resources, "memoryLimit", memoryLimit);
            }
            return post(Kind.VERSIONS, Kind.VERSIONS.collection(scope), body);
        }
    }
}
