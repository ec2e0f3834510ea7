package org.osc.cli;

import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oscctl sync KIND ID|NAME}: re-runs an object's reconcile job. */
@Command(name = "sync", description = "Reconcile an object again (ds, sg, da, mc) and, with --wait, follow the job.",
        footer = { "%nExamples:%n  oscctl sync mc manager-1 --wait%n  oscctl sync sg web --vc cluster-1 --wait "
                + "--timeout 60%n  oscctl sync ds spec-1 --vs 4 -o json   # prints {\"jobId\": N}" })
public class SyncCommand extends BaseCommand {

    private static final Set<Kind> SYNCABLE = Set.of(Kind.DS, Kind.SG, Kind.DA, Kind.MC);

    @Parameters(index = "0", paramLabel = "KIND", converter = Kind.Converter.class,
            completionCandidates = Kind.Names.class, description = "ds, sg, da or mc.")
    Kind kind;

    @Parameters(index = "1", paramLabel = "ID|NAME", description = "Its id, or its name when unique.")
    String ref;

    @Mixin
    ScopeOptions scope;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() {
        if (!SYNCABLE.contains(kind)) {
            throw CliException.usage(kind.cliName() + " cannot be synced; ds, sg, da and mc can");
        }
        Resolver resolver = resolver();
        Scope where = scope.resolve(kind, resolver);
        String id = resolver.id(kind, where, ref);
        String what = kind.cliName() + " " + (ref.equals(id) ? id : "'" + ref + "' (id " + id + ")");
        return finish(wait, "syncing " + what, client().send("POST", kind.item(where, id) + "/sync", null).body());
    }
}
