package org.osc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oscctl get KIND ID|NAME}: one object. */
@Command(name = "get", description = "Show one object, by id or by its unique name.",
        footer = { "%nKinds: vc, mc, appliances, versions (--appliance), da, ds (--vs), sg (--vc), jobs, plugins, "
                + "users.%nMembers, bindings, instances, domains and tasks are lists: see 'oscctl list'.",
            "%nExamples:%n  oscctl get vc cluster-1%n  oscctl get sg web --vc cluster-1 -o json%n"
                    + "  oscctl get versions 1.0 --appliance fw-model" })
public class GetCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "KIND", converter = Kind.Converter.class,
            completionCandidates = Kind.Names.class, description = "What to show (see below).")
    Kind kind;

    @Parameters(index = "1", paramLabel = "ID|NAME", description = "Its id, or its name when unique.")
    String ref;

    @Mixin
    ScopeOptions scope;

    @Override
    public Integer call() {
        if (!kind.gettable()) {
            throw CliException.usage(kind.cliName() + " can only be listed: oscctl list " + kind.cliName());
        }
        Resolver resolver = resolver();
        Scope where = scope.resolve(kind, resolver);
        String id = resolver.id(kind, where, ref);
        output().one(kind, client().get(kind.item(where, id)));
        return ExitCodes.OK;
    }
}
