package org.osc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osc.bench.ovn.NbServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The membership benchmark: for every combination of pod and group counts, a fresh simulated cluster and a fresh
 * OSC, measured as {@link Scenario} describes; a block of results per scenario as it ends, and a table of all at the
 * end. Exit status 0 when every scenario ran and verified, 1 otherwise (numbers are printed either way; targets are
 * not checked here, they are for the reader); 2 when {@code --sdn ovn} finds no {@code ovsdb-server} to run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Membership latency, informer delivery, VNF recreate and restart resync of OSC against the "
                + "simulated cluster.")
public final class MembershipBenchmark implements Callable<Integer> {

    @Option(names = "--pods", split = ",", defaultValue = "1000,10000", description = "Workload pod counts "
            + "(default: ${DEFAULT-VALUE}).")
    List<Integer> pods;

    @Option(names = "--groups", split = ",", defaultValue = "100,500", description = "Security group counts "
            + "(default: ${DEFAULT-VALUE}).")
    List<Integer> groups;

    @Option(names = "--samples", defaultValue = "200", description = "Sampled creates, and as many sampled relabels "
            + "(default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--warmup", defaultValue = "50", description = "Unmeasured creates, and as many relabels, "
            + "before the samples (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "20", description = "Sampled changes started per second, creates and "
            + "relabels together (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--bound", defaultValue = "10", description = "Groups bound to the VNF (default: "
            + "${DEFAULT-VALUE}).")
    int bound;

    @Option(names = "--vnf-replicas", defaultValue = "2", description = "VNF pods (default: ${DEFAULT-VALUE}).")
    int vnfReplicas;

    @Option(names = "--vnf-samples", defaultValue = "3", description = "VNF Deployment deletions measured "
            + "(default: ${DEFAULT-VALUE}).")
    int vnfSamples;

    @Option(names = "--threads", defaultValue = "8", description = "Threads creating the workload pods (default: "
            + "${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--sdn", defaultValue = "memory", description = "SDN controller behind the recording wrapper: "
            + "memory (in-memory stand-in, costs next to nothing), sample (the sample plugin, which saves its whole "
            + "state to a JSON file after every change) or ovn (the OVN plugin on a real ovsdb-server with the OVN "
            + "northbound schema, which the benchmark starts; needs ovsdb-server and ovsdb-tool, no root) "
            + "(default: ${DEFAULT-VALUE}).")
    String sdn;

    @Option(names = "--h2-options", defaultValue = OscSide.SERVER_H2_OPTIONS, description = "What follows the file "
            + "name in OSC's H2 URL; the default is the server's (default: ${DEFAULT-VALUE}).")
    String h2Options;

    @Option(names = "--work", defaultValue = "target/bench-work", description = "Working folder; each scenario "
            + "gets a fresh sub-folder (default: ${DEFAULT-VALUE}).")
    Path work;

    public static void main(String[] args) {
        quietLibraries();
        System.exit(new CommandLine(new MembershipBenchmark()).execute(args));
    }

    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger HIBERNATE = Logger.getLogger("org.hibernate");

    /** Hibernate logs its start-up through java.util.logging, which slf4j-simple does not configure. */
    static void quietLibraries() {
        HIBERNATE.setLevel(Level.WARNING);
    }

    private SdnKind sdnKind() {
        try {
            return SdnKind.of(sdn);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    @Override
    public Integer call() {
        SdnKind kind = sdnKind();
        if (kind == SdnKind.OVN) {
            Optional<String> missing = NbServer.unavailable();
            if (missing.isPresent()) {
                System.err.println("--sdn ovn needs a real OVN northbound ovsdb-server, but " + missing.get());
                return 2;
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        boolean ok = true;
        for (int p : pods) {
            for (int g : groups) {
                BenchConfig config = new BenchConfig(p, g, samples, warmup, rate, Math.min(bound, g), vnfReplicas,
                        vnfSamples, threads, kind, h2Options, work.toAbsolutePath());
                try {
                    ScenarioResult result = new Scenario(config, System.err).run();
                    Report.scenario(result, System.out);
                    results.add(result);
                    ok &= result.problems().isEmpty() && result.resync().completed();
                } catch (Exception e) {
                    ok = false;
                    System.out.printf("%n== %d pods, %d groups: FAILED: %s ==%n", p, g, e);
                    e.printStackTrace();
                }
            }
        }
        Report.table(results, System.out);
        return ok ? 0 : 1;
    }
}
