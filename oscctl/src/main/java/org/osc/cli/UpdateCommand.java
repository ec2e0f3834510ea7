package org.osc.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code oscctl update KIND}: changes some fields of an object (the REST API's {@code PUT}): the stored object is
 * read, the file's and the flags' fields replace its own, and the whole object is sent back. Secrets are never
 * read back, so those not given are kept by the server.
 */
@Command(name = "update", description = "Change some fields of an object; the others are kept.",
        subcommands = { UpdateCommand.Vc.class },
        footer = { "%nExamples:%n  oscctl update vc cluster-1 --controller-attribute northbound=tcp:10.0.0.5:6641%n"
                + "  oscctl update vc cluster-1 --controller-attribute northboundClientKey= --name cluster-one" })
public class UpdateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give the kind to update: vc");
    }

    /** {@code oscctl update vc}. */
    @Command(name = "vc", aliases = { "virtualization-connector", "virtualization-connectors" },
            description = "Change a virtualization connector: the fields given replace the stored ones; secrets "
                    + "not given (kubeconfig, token, secret controller attributes) are kept.",
            footer = { "%nA way to connect given (--kubeconfig, --api-server-url or --in-cluster) replaces the "
                    + "stored one. Controller attributes given are set over the stored ones; KEY= removes one.%n"
                    + "%nExamples:%n  oscctl update vc cluster-1 --controller-attribute northbound=tcp:10.0.0.5:6641%n"
                    + "  oscctl update vc cluster-1 --controller-attribute-file northboundClientKey=client.key%n"
                    + "  oscctl update vc 3 --api-server-url https://k8s.example:6443 --token \"$TOKEN\"" })
    static class Vc extends BaseCommand {

        /** What a read connector holds that a PUT takes back. */
        private static final List<String> FIELDS = List.of("name", "type", "controllerType", "context",
                "apiServerUrl", "caCertificate", "inCluster", "controllerAttributes");

        @Parameters(index = "0", paramLabel = "ID|NAME", description = "The connector's id, or its name.")
        String ref;

        @Option(names = "--name", paramLabel = "NAME", description = "A new unique name.")
        String name;

        @Mixin
        ConnectionOptions connection;

        @Option(names = { "-f", "--file" }, paramLabel = "FILE", order = 100,
                description = "JSON or YAML file with fields to change ('-' for stdin); flags override it.")
        String file;

        @Override
        public Integer call() {
            String id = resolver().id(Kind.VC, Scope.ROOT, ref);
            String path = Kind.VC.item(Scope.ROOT, id);
            JsonNode current = client().get(path);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            for (String field : FIELDS) {
                if (current.hasNonNull(field)) {
                    body.set(field, current.get(field));
                }
            }
            if (file != null) {
                body.setAll(BodyInput.object(file, root().stdin()));
            }
            if (connection.newConnection()) {
                // a new way to connect replaces the stored one
                body.remove(List.of("apiServerUrl", "context"));
                body.put("inCluster", false);
            }
            CreateCommand.Base.put(body, "name", name);
            connection.applyTo(body, root().stdin());
            JsonNode reply = client().send("PUT", path, body).body();
            String shown = body.path("name").asText(ref);
            return finish(null, "updated " + Kind.VC.label() + " '" + shown + "' (id " + id + ")", reply);
        }
    }
}
