package org.osc.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oscctl create KIND}: one subcommand per kind, each building the request body from a JSON/YAML file
 * ({@code -f}) and its flags, flags winning. The server checks the body; the client does not repeat its rules,
 * so that a missing field is reported the same way whether it came from a file or a flag (exit 4).
 */
@Command(name = "create", description = "Create an object from flags and/or a JSON or YAML file.",
        subcommands = { CreateConnectors.Vc.class, CreateConnectors.Mc.class, CreateCatalog.Appliance.class,
            CreateCatalog.Version.class, CreateDeployments.Da.class, CreateDeployments.Ds.class,
            CreateGroupsAndUsers.Sg.class, CreateGroupsAndUsers.User.class },
        footer = { "%nExamples:%n  oscctl create vc --name cluster-1 --controller-type SampleSdn \\%n"
                + "      --kubeconfig ~/.kube/config%n  oscctl create mc -f manager.yaml --wait%n"
                + "  cat sg.json | oscctl create sg --vc cluster-1 -f -" })
public class CreateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give the kind to create");
    }

    /** What every create subcommand shares: the file, --wait, and posting the body. */
    public abstract static class Base extends BaseCommand {

        @Option(names = { "-f", "--file" }, paramLabel = "FILE", order = 100,
                description = "JSON or YAML file with the object's fields ('-' for stdin); flags override it.")
        String file;

        @Mixin
        WaitOptions wait;

        /** @return the body: the file's object, or an empty one */
        protected ObjectNode body() {
            return file == null ? JsonNodeFactory.instance.objectNode() : BodyInput.object(file, root().stdin());
        }

        /**
         * Posts the body and prints the result (or follows the job with {@code --wait}).
         *
         * @param kind what is created, for the message
         * @param path the collection path
         * @param body the request body
         * @return the exit code
         */
        protected int post(Kind kind, String path, ObjectNode body) {
            JsonNode reply = client().send("POST", path, body).body();
            String name = body.path(kind.nameField() == null ? "name" : kind.nameField()).asText("");
            String id = reply != null && reply.hasNonNull("id") ? reply.get("id").asText() : null;
            String line = "created " + kind.label() + (name.isEmpty() ? "" : " '" + name + "'")
                    + (id == null ? "" : " (id " + id + ")");
            return finish(wait, line, reply);
        }

        /** Sets a field when the flag was given. */
        protected static void put(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }

        /** Sets a number field when the flag was given. */
        protected static void put(ObjectNode body, String field, Long value) {
            if (value != null) {
                body.put(field, value);
            }
        }

        /** Sets a boolean field when the flag was given. */
        protected static void put(ObjectNode body, String field, Boolean value) {
            if (value != null) {
                body.put(field, value);
            }
        }

        /** Sets a list field when the flag was given at least once. */
        protected static void put(ObjectNode body, String field, List<String> values) {
            if (values != null && !values.isEmpty()) {
                ArrayNode array = body.putArray(field);
                values.forEach(array::add);
            }
        }
    }
}
