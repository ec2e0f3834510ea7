package org.osc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code create vc} and {@code create mc}: the connectors to clusters and to security managers. */
public final class CreateConnectors {

    private CreateConnectors() {
    }

    /** {@code oscctl create vc}: a virtualization connector (a Kubernetes cluster). */
    @Command(name = "vc", aliases = { "virtualization-connector", "virtualization-connectors" },
            description = "Create a virtualization connector: a cluster, reached by exactly one of a kubeconfig, "
                    + "an API server URL with a token, or in-cluster credentials.",
            footer = { "%nExamples:%n  oscctl create vc --name cluster-1 --controller-type SampleSdn \\%n"
                    + "      --api-server-url https://k8s.example:6443 --token \"$TOKEN\" --ca-certificate ca.pem%n"
                    + "  oscctl create vc --name cluster-2 --controller-type SampleSdn \\%n"
                    + "      --kubeconfig ~/.kube/config --context prod%n"
                    + "  oscctl create vc --name cluster-3 --controller-type Ovn --kubeconfig kubeconfig \\%n"
                    + "      --controller-attribute northbound=ssl:10.0.0.5:6641 \\%n"
                    + "      --controller-attribute-file northboundClientKey=client.key" })
    public static class Vc extends CreateCommand.Base {

        @Option(names = "--name", paramLabel = "NAME", description = "Unique name.")
        String name;

        @Option(names = "--type", paramLabel = "TYPE",
                description = "Virtualization type (default KUBERNETES, the only one).")
        String type;

        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            ObjectNode body = body();
            put(body, "name", name);
            put(body, "type", type);
            if (!body.hasNonNull("type")) {
                body.put("type", "KUBERNETES"); // the one type there is; saves every script a flag
            }
            connection.applyTo(body, root().stdin());
            return post(Kind.VC, Kind.VC.collection(Scope.ROOT), body);
        }
    }

    /** {@code oscctl create mc}: a manager connector; creating it starts a job reading the manager. */
    @Command(name = "mc", aliases = { "manager-connector", "manager-connectors" },
            description = "Create a manager connector; a job reads the manager's domains and policies.",
            footer = { "%nExample:%n  oscctl create mc --name manager-1 --manager-type SampleManager \\%n"
                    + "      --ip-address 127.0.0.1 --manager-user admin --manager-password \"$MC_PASSWORD\" --wait" })
    public static class Mc extends CreateCommand.Base {

        @Option(names = "--name", paramLabel = "NAME", description = "Unique name.")
        String name;

        @Option(names = "--manager-type", paramLabel = "MANAGER_PLUGIN", description = "The manager plugin's name.")
        String managerType;

        @Option(names = "--ip-address", paramLabel = "ADDRESS", description = "The manager's address.")
        String ipAddress;

        @Option(names = "--manager-user", paramLabel = "NAME", description = "User on the manager.")
        String username;

        @Option(names = "--manager-password", paramLabel = "PASSWORD", description = "Password on the manager.")
        String password;

        @Option(names = "--api-key", paramLabel = "KEY", description = "API key, instead of user and password.")
        String apiKey;

        @Override
        public Integer call() {
            ObjectNode body = body();
            put(body, "name", name);
            put(body, "managerType", managerType);
            put(body, "ipAddress", ipAddress);
            put(body, "username", username);
            put(body, "password", password);
            put(body, "apiKey", apiKey);
            return post(Kind.MC, Kind.MC.collection(Scope.ROOT), body);
        }
    }
}
