package org.osc.cli;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oscctl delete KIND ID|NAME}: removes an object. Objects with external state (da, ds, sg) are removed
 * by a job, which {@code --wait} follows; {@code --force} removes only the record.
 */
@Command(name = "delete", aliases = "rm", description = "Delete an object, by id or by its unique name.",
        footer = { "%nKinds: vc, mc, appliances, versions (--appliance), da, ds (--vs), sg (--vc), users, plugins."
                + "%nda, ds and sg are removed by a job (the answer names it); --force removes the record "
                + "without touching the manager, the SDN controller or the cluster.",
            "%nExamples:%n  oscctl delete sg web --vc cluster-1 --wait%n  oscctl delete ds 7 --vs 4 --force%n"
                    + "  oscctl delete user bob" })
public class DeleteCommand extends BaseCommand {

    private static final Set<Kind> DELETABLE = Set.of(Kind.VC, Kind.MC, Kind.APPLIANCES, Kind.VERSIONS, Kind.DA,
            Kind.DS, Kind.SG, Kind.USERS, Kind.PLUGINS);
    private static final Set<Kind> FORCEABLE = Set.of(Kind.DA, Kind.DS, Kind.SG);

    @Parameters(index = "0", paramLabel = "KIND", converter = Kind.Converter.class,
            completionCandidates = Kind.Names.class, description = "What to delete (see below).")
    Kind kind;

    @Parameters(index = "1", paramLabel = "ID|NAME", description = "Its id, or its name when unique.")
    String ref;

    @Option(names = "--force", description = "Remove the record only (da, ds, sg), leaving external state.")
    boolean force;

    @Mixin
    ScopeOptions scope;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() {
        if (!DELETABLE.contains(kind)) {
            throw CliException.usage(kind.cliName() + " cannot be deleted");
        }
        if (force && !FORCEABLE.contains(kind)) {
            throw CliException.usage("--force applies to da, ds and sg only");
        }
        Resolver resolver = resolver();
        Scope where = scope.resolve(kind, resolver);
        String id = resolver.id(kind, where, ref);
        JsonNode reply = client().send("DELETE", kind.item(where, id) + (force ? "/force" : ""), null).body();
        String what = kind.cliName() + " " + (ref.equals(id) ? id : "'" + ref + "' (id " + id + ")");
        return finish(wait, reply != null && reply.has("jobId") ? "deleting " + what : "deleted " + what, reply);
    }
}
