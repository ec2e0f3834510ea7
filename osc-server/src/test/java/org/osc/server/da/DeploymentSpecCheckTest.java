package org.osc.server.da;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osc.platform.api.PlatformException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.mc.JobStarted;
import org.osc.server.mc.ServerFixture;
import org.osc.server.platform.PlatformRegistry;
import org.osc.server.vc.CheckingPlatform;
import org.osc.server.vc.VirtualizationConnectorBody;
import org.osc.server.vc.VirtualizationConnectorService;

/** The namespace of a deployment spec is checked in its connector's cluster before the spec is written. */
class DeploymentSpecCheckTest {

    @TempDir
    Path dir;

    private DaSetup setup;
    private final CheckingPlatform platform = new CheckingPlatform();
    private final PlatformRegistry platforms = new PlatformRegistry();
    private DeploymentSpecService specs;
    private long vsId;

    @BeforeEach
    void start() {
        setup = new DaSetup(dir);
        platforms.register(platform);
        specs = new DeploymentSpecService(setup.server.database, setup.server.reconcile, platforms);
        vsId = setup.createPassed("da1").virtualSystems().get(0).id();
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    private static DeploymentSpecBody spec(String name, String namespace, Integer count) {
        return new DeploymentSpecBody(null, null, name, namespace, count, null, null, null, null, null);
    }

    @Test
    void aNamespaceTheClusterRefusesIs422OnNamespaceAndWritesNothing() {
        platform.failWith(new PlatformException("namespace 'shop' does not exist (the API server at "
                + "https://vc1.example:6443/)"));
        UnprocessableException e = assertThrows(UnprocessableException.class,
                () -> specs.create(vsId, spec("web", "shop", 2)));
        assertEquals(422, e.status());
        assertEquals(Set.of("namespace"), ServerFixture.fields(e));
        assertEquals("virtualization connector 'vc1': namespace 'shop' does not exist (the API server at "
                + "https://vc1.example:6443/)", e.errors().get(0).message());
        assertEquals(List.of("shop"), platform.checks.get(0).namespaces());
        assertEquals("vc1", platform.checks.get(0).connector().name());
        assertTrue(specs.list(vsId).isEmpty(), "nothing stored");
    }

    @Test
    void anUpdateIsCheckedUnlessItScalesToZero() {
        JobStarted started = specs.create(vsId, spec("web", "shop", 2));
        setup.server.await(started.jobId());
        platform.checks.clear();
        platform.failWith(new PlatformException("the API server at https://vc1.example:6443/ does not answer: "
                + "timed out"));

        UnprocessableException e = assertThrows(UnprocessableException.class,
                () -> specs.update(vsId, started.id(), spec("web", "shop", 3)));
        assertEquals(Set.of("namespace"), ServerFixture.fields(e));
        assertEquals(2, specs.get(vsId, started.id()).count(), "unchanged");

        setup.server.await(specs.update(vsId, started.id(), spec("web", "shop", 0)).jobId());
        assertEquals(0, specs.get(vsId, started.id()).count(), "scaling to zero needs no check");
        assertEquals(1, platform.checks.size());
    }

    @Test
    void newConnectionSettingsAreCheckedInTheNamespacesOfTheConnectorsSpecs() {
        setup.server.await(specs.create(vsId, spec("web", "shop", 1)).jobId());
        setup.server.await(specs.create(vsId, spec("db", "blog", 1)).jobId());
        platform.checks.clear();
        VirtualizationConnectorService connectors = new VirtualizationConnectorService(setup.server.database,
                setup.server.plugins, setup.server.reconcile, platforms);
        connectors.update(setup.vc1, new VirtualizationConnectorBody(null, "vc1", "KUBERNETES", ServerFixture.SDN,
                null, null, "https://vc1.example:6443", "another-token", null, null, null, null, null, null));
        assertEquals(List.of(List.of(), List.of("blog", "shop")),
                platform.checks.stream().map(CheckingPlatform.Check::namespaces).toList());
    }
}
