package org.osc.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The options naming the parents of nested kinds ({@code --vc}, {@code --sg}, {@code --vs},
 * {@code --appliance}, {@code --mc}, {@code --job}), shared by get, list, delete and sync. An option the kind
 * does not live under is refused rather than ignored, so that a mistyped parent does not go unnoticed.
 */
public class ScopeOptions {

    @Option(names = "--vc", paramLabel = "VC", description = "The virtualization connector (id or name) of sg, "
            + "members and bindings.")
    String vc;

    @Option(names = "--sg", paramLabel = "SG", description = "The security group (id or name) of members and "
            + "bindings.")
    String sg;

    @Option(names = "--vs", paramLabel = "VS_ID", description = "The virtual system id of ds and dai (see the "
            + "virtualSystems of get da).")
    String vs;

    @Option(names = "--appliance", paramLabel = "APPLIANCE", description = "The appliance (id or model) of "
            + "versions.")
    String appliance;

    @Option(names = "--mc", paramLabel = "MC", description = "The manager connector (id or name) of domains.")
    String mc;

    @Option(names = "--job", paramLabel = "JOB_ID", description = "The job of tasks.")
    String job;

    /**
     * @param kind the kind about to be addressed
     * @param resolver resolves parent names
     * @return the scope of the kind, every parent resolved to its id
     * @throws CliException usage (exit 2) when a needed parent is missing or an unrelated one is given
     */
    public Scope resolve(Kind kind, Resolver resolver) {
        List<String> needed = needed(kind.parent());
        List<String> given = given();
        for (String option : given) {
            if (!needed.contains(option)) {
                throw CliException.usage(option + " does not apply to " + kind.cliName()
                        + (needed.isEmpty() ? "" : " (it takes " + String.join(" ", needed) + ")"));
            }
        }
        for (String option : needed) {
            if (!given.contains(option)) {
                throw CliException.usage(kind.cliName() + " needs " + String.join(" and ", needed));
            }
        }
        Scope scope = Scope.ROOT;
        switch (kind.parent()) {
            case VC -> scope = scope.withVc(resolver.id(Kind.VC, scope, vc));
            case VC_SG -> {
                scope = scope.withVc(resolver.id(Kind.VC, scope, vc));
                scope = scope.withSg(resolver.id(Kind.SG, scope, sg));
            }
            case VS -> scope = scope.withVs(Resolver.numeric("--vs", vs));
            case APPLIANCE -> scope = scope.withAppliance(resolver.id(Kind.APPLIANCES, scope, appliance));
            case MC -> scope = scope.withMc(resolver.id(Kind.MC, scope, mc));
            case JOB -> scope = scope.withJob(Resolver.numeric("--job", job));
            case NONE -> {
                // top level: nothing to resolve
            }
        }
        return scope;
    }

    private static List<String> needed(Kind.Parent parent) {
        return switch (parent) {
            case NONE -> List.of();
            case VC -> List.of("--vc");
            case VC_SG -> List.of("--vc", "--sg");
            case VS -> List.of("--vs");
            case APPLIANCE -> List.of("--appliance");
            case MC -> List.of("--mc");
            case JOB -> List.of("--job");
        };
    }

    private List<String> given() {
        List<String> given = new ArrayList<>();
        add(given, "--vc", vc);
        add(given, "--sg", sg);
        add(given, "--vs", vs);
        add(given, "--appliance", appliance);
        add(given, "--mc", mc);
        add(given, "--job", job);
        return given;
    }

    private static void add(List<String> given, String option, String value) {
        if (value != null) {
            given.add(option);
        }
    }
}
