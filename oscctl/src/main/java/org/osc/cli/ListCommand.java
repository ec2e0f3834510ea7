package org.osc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oscctl list KIND}: every object of a kind. */
@Command(name = "list", aliases = "ls", description = "List the objects of a kind.",
        footer = { "%nKinds: vc|virtualization-connectors, mc|manager-connectors, appliances (the catalog), "
                + "versions (--appliance), da|distributed-appliances, ds|deployment-specs (--vs), dai|instances "
                + "(--vs), sg|security-groups (--vc), members (--vc --sg), bindings (--vc --sg), jobs, tasks "
                + "(--job), plugins, users, domains (--mc).",
            "%nExamples:%n  oscctl list vc%n  oscctl list members --vc cluster-1 --sg web%n"
                    + "  oscctl list ds --vs 4 -o json | jq '.items[].id'" })
public class ListCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "KIND", converter = Kind.Converter.class,
            completionCandidates = Kind.Names.class, description = "What to list (see below).")
    Kind kind;

    @Mixin
    ScopeOptions scope;

    @Override
    public Integer call() {
        Scope where = scope.resolve(kind, resolver());
        output().list(kind, client().get(kind.collection(where)));
        return ExitCodes.OK;
    }
}
