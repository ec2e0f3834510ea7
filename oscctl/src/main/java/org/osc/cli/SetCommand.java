package org.osc.cli;

import java.util.ArrayList;
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
 * {@code oscctl set members|bindings}: replaces a security group's label members or its bindings (the REST API's
 * {@code PUT .../members} and {@code PUT .../bindings}), the two steps of the admin's flow after creating the
 * group. The whole set is replaced: what the command does not name is removed.
 */
@Command(name = "set", description = "Replace a security group's members or bindings (the whole set).",
        subcommands = { SetCommand.Members.class, SetCommand.Bindings.class },
        footer = { "%nExamples:%n  oscctl set members --vc cluster-1 --sg web --label app=web --label tier=front%n"
                + "  oscctl set bindings --vc cluster-1 --sg web --vs 4 --name inspect-web --policy p-1 "
                + "--failure-policy FAIL_CLOSE --wait%n  oscctl set bindings --vc cluster-1 --sg web --none" })
public class SetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give what to set: members or bindings");
    }

    /** What both subcommands share: the group, the file, --none, --wait and the PUT. */
    abstract static class Base extends BaseCommand {

        @Option(names = "--vc", required = true, paramLabel = "VC", order = 1,
                description = "The virtualization connector (id or name) of the group.")
        String vc;

        @Option(names = "--sg", required = true, paramLabel = "SG", order = 2,
                description = "The security group (id or name).")
        String sg;

        @Option(names = { "-f", "--file" }, paramLabel = "FILE", order = 100, description = "JSON or YAML file: a "
                + "list, or an object holding the list under the field named by the kind ('-' for stdin).")
        String file;

        @Option(names = "--none", order = 101, description = "Remove them all.")
        boolean none;

        @Mixin
        WaitOptions wait;

        /** @return the items the flags describe (appended to the file's) */
        abstract List<ObjectNode> fromFlags();

        /** @return the kind set, for its path and its field in a file */
        abstract Kind kind();

        @Override
        public Integer call() {
            List<ObjectNode> flagged = fromFlags();
            if (none && (file != null || !flagged.isEmpty())) {
                throw CliException.usage("--none removes every " + kind().label() + "; it takes no -f and no "
                        + kind().label() + " flags");
            }
            ArrayNode items = file == null ? JsonNodeFactory.instance.arrayNode()
                    : BodyInput.list(file, root().stdin(), kind().cliName());
            flagged.forEach(items::add);
            if (items.isEmpty() && !none) {
                throw CliException.usage("give the " + kind().cliName() + " (flags or -f), or --none to remove "
                        + "them all");
            }
            Resolver resolver = resolver();
            Scope group = Scope.ROOT.withVc(resolver.id(Kind.VC, Scope.ROOT, vc));
            group = group.withSg(resolver.id(Kind.SG, group, sg));
            JsonNode reply = client().send("PUT", kind().collection(group), items).body();
            String line = "set " + items.size() + " " + kind().cliName() + " of security group '" + sg + "'";
            return finish(wait, line, reply);
        }
    }

    /** {@code oscctl set members}. */
    @Command(name = "members", description = "Replace the group's label members: pods carrying any of the labels "
            + "(in the group's namespaces) are protected.",
            footer = { "%nA member's name is its label with '=' as '-' unless the file names it; "
                    + "a file is a list of {name, label}.%n%nExamples:%n"
                    + "  oscctl set members --vc cluster-1 --sg web --label app=web --wait%n"
                    + "  oscctl set members --vc cluster-1 --sg web -f members.yaml" })
    static class Members extends Base {

        @Option(names = "--label", paramLabel = "KEY=VALUE", order = 3,
                description = "A label member (repeatable); pods with this label are members.")
        List<String> labels = new ArrayList<>();

        @Override
        List<ObjectNode> fromFlags() {
            List<ObjectNode> members = new ArrayList<>();
            for (String label : labels) {
                ObjectNode member = JsonNodeFactory.instance.objectNode();
                member.put("name", label.replace('=', '-'));
                member.put("type", "LABEL");
                member.put("label", label);
                members.add(member);
            }
            return members;
        }

        @Override
        Kind kind() {
            return Kind.MEMBERS;
        }
    }

    /** {@code oscctl set bindings}. */
    @Command(name = "bindings", description = "Replace the group's bindings: each has the group inspected by a "
            + "virtual system's VNFs.",
            footer = { "%nThe flags describe one binding; a file is a list of {virtualSystemId, name, policyIds, "
                    + "order, failurePolicyType}.%n%nExamples:%n"
                    + "  oscctl set bindings --vc cluster-1 --sg web --vs 4 --name inspect-web --policy p-1 --wait%n"
                    + "  oscctl set bindings --vc cluster-1 --sg web --none" })
    static class Bindings extends Base {

        @Option(names = "--vs", paramLabel = "VS_ID", order = 3,
                description = "The virtual system whose VNFs inspect the group (see the virtualSystems of get da).")
        String vs;

        @Option(names = "--name", paramLabel = "NAME", order = 4, description = "The binding's name.")
        String name;

        @Option(names = "--policy", paramLabel = "POLICY_ID", order = 5,
                description = "A manager policy id (repeatable; see list domains --mc).")
        List<String> policies = new ArrayList<>();

        @Option(names = "--order", paramLabel = "N", order = 6,
                description = "Its place among the group's hooks (lower goes first).")
        Integer order;

        @Option(names = "--failure-policy", paramLabel = "POLICY", order = 7,
                description = "FAIL_OPEN, FAIL_CLOSE or NA (default).")
        String failurePolicy;

        @Override
        List<ObjectNode> fromFlags() {
            boolean any = vs != null || name != null || !policies.isEmpty() || order != null
                    || failurePolicy != null;
            if (!any) {
                return List.of();
            }
            // missing fields are the server's to name (exit 4), as for create
            ObjectNode binding = JsonNodeFactory.instance.objectNode();
            if (vs != null) {
                binding.put("virtualSystemId", Long.parseLong(Resolver.numeric("--vs", vs)));
            }
            if (name != null) {
                binding.put("name", name);
            }
            ArrayNode ids = binding.putArray("policyIds");
            policies.forEach(ids::add);
            if (order != null) {
                binding.put("order", order);
            }
            if (failurePolicy != null) {
                binding.put("failurePolicyType", failurePolicy);
            }
            return List.of(binding);
        }

        @Override
        Kind kind() {
            return Kind.BINDINGS;
        }
    }
}
