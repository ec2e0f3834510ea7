package org.osc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's own code at a tiny scale, asserting behaviour and never time: every sampled change reached the
 * port groups (none missed), every port group holds exactly the pods its labels select after setup, sampling and
 * restart, the restart's resync made no SDN write, and the VNF Deployment deleted by hand came back with its
 * instances registered again.
 */
class BenchmarkSmokeIT {

    @TempDir
    Path work;

    @BeforeAll
    static void quiet() {
        MembershipBenchmark.quietLibraries();
    }

    @Test
    void aTinyScenarioFollowsEveryChangeAndResyncsWithoutWrites() throws Exception {
        BenchConfig config = new BenchConfig(60, 6, 10, 5, 20, 2, 1, 1, 4, SdnKind.MEMORY,
                OscSide.SERVER_H2_OPTIONS, work);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ScenarioResult result = new Scenario(config, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report.scenario(result, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = progress.toString(StandardCharsets.UTF_8) + printed.toString(StandardCharsets.UTF_8);

        assertEquals(List.of(), result.problems(), report);
        Sampler.Result samples = result.samples();
        assertEquals(List.of(), samples.errors(), report);
        assertEquals(10, samples.create().summary().count(), report);
        assertEquals(0, samples.create().summary().missed(), report);
        assertEquals(10, samples.relabel().summary().count(), report);
        assertEquals(0, samples.relabel().summary().missed(), report);
        assertEquals(10, samples.informerAdded().summary().count(), report);

        RestartResync resync = result.resync();
        assertTrue(resync.completed(), report);
        assertTrue(resync.groupJobs() >= config.groups(), report);
        assertEquals(0, resync.writes(), report);
        assertEquals(0, resync.pluginChanges(), report);

        assertEquals(List.of(), result.vnf().errors(), report);
        assertEquals(1, result.vnf().registered().summary().count(), report);
    }
}
