package org.osc.server.vc;

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
import org.osc.platform.api.AccessDeniedException;
import org.osc.platform.api.PlatformException;
import org.osc.server.error.ConflictException;
import org.osc.server.error.UnprocessableException;
import org.osc.server.error.ValidationException;
import org.osc.server.mc.ServerFixture;
import org.osc.server.platform.PlatformRegistry;

/** The cluster check on create and update: 422 on the field of the way to connect, and nothing written. */
class VirtualizationConnectorCheckTest {

    private static final String REFUSED = "the API server at https://k.example:6443/ does not answer: connection "
            + "refused or unreachable";

    @TempDir
    Path dir;

    private ServerFixture server;
    private final CheckingPlatform platform = new CheckingPlatform();
    private VirtualizationConnectorService service;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir);
        PlatformRegistry platforms = new PlatformRegistry();
        platforms.register(platform);
        service = new VirtualizationConnectorService(server.database, server.plugins, server.reconcile, platforms);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static VirtualizationConnectorBody byKubeconfig(String name, String kubeconfig) {
        return new VirtualizationConnectorBody(null, name, "KUBERNETES", ServerFixture.SDN, kubeconfig, null, null, null,
                null, null, null, null, null, null);
    }

    private static VirtualizationConnectorBody byUrl(String name, String url, String token) {
        return new VirtualizationConnectorBody(null, name, "KUBERNETES", ServerFixture.SDN, null, null, url, token,
                null, null, null, null, null, null);
    }

    private static VirtualizationConnectorBody inCluster(String name) {
        return new VirtualizationConnectorBody(null, name, "KUBERNETES", ServerFixture.SDN, null, null, null, null,
                null, true, null, null, null, null);
    }

    @Test
    void aPassingCheckStoresTheConnectorAfterAskingClusterWide() {
        long id = service.create(byKubeconfig("k1", "apiVersion: v1"));
        assertEquals(1, platform.checks.size());
        CheckingPlatform.Check check = platform.checks.get(0);
        assertEquals(List.of(), check.namespaces());
        assertEquals("k1", check.connector().name());
        assertEquals("apiVersion: v1", check.connector().kubeconfig());
        assertEquals("k1", service.get(id).name());
    }

    @Test
    void aFailedCheckIs422OnTheWayToConnectAndWritesNothing() {
        platform.failWith(new PlatformException(REFUSED));
        assertRefused("kubeconfig", REFUSED, () -> service.create(byKubeconfig("k1", "apiVersion: v1")));
        assertRefused("apiServerUrl", REFUSED, () -> service.create(byUrl("k2", "https://k.example:6443", "t")));
        assertRefused("inCluster", REFUSED, () -> service.create(inCluster("k3")));

        platform.failWith(new AccessDeniedException("the credentials lack permissions OSC needs: may not list pods "
                + "in all namespaces"));
        assertRefused("token", "the credentials lack permissions OSC needs: may not list pods in all namespaces",
                () -> service.create(byUrl("k4", "https://k.example:6443", "t")));
        assertRefused("kubeconfig", "the credentials lack permissions OSC needs: may not list pods in all namespaces",
                () -> service.create(byKubeconfig("k5", "apiVersion: v1")));
        assertTrue(service.list().isEmpty(), "nothing was stored");
    }

    @Test
    void shapeAndNameAreCheckedBeforeTheCluster() {
        service.create(byKubeconfig("k1", "apiVersion: v1"));
        platform.checks.clear();
        platform.failWith(new PlatformException(REFUSED));
        assertThrows(ValidationException.class, () -> service.create(byUrl("k2", "ftp://x", "t")));
        assertThrows(ConflictException.class, () -> service.create(byKubeconfig("k1", "apiVersion: v1")));
        assertTrue(platform.checks.isEmpty(), "no cluster asked: " + platform.checks);
    }

    @Test
    void anUpdateIsCheckedOnlyWhenTheConnectionChangesAndKeepsTheOldSettingsWhenRefused() {
        long id = service.create(byUrl("k1", "https://k.example:6443", "old-token"));
        platform.checks.clear();

        service.update(id, byUrl("k1-renamed", "https://k.example:6443", null));
        assertTrue(platform.checks.isEmpty(), "a rename keeping the token changes no connection setting");
        assertEquals("k1-renamed", service.get(id).name());

        platform.failWith(new AccessDeniedException("the credentials were refused by the API server (HTTP 401)"));
        assertRefused("token", "the credentials were refused by the API server (HTTP 401)",
                () -> service.update(id, byUrl("k1-new", "https://k.example:6443", "new-token")));
        CheckingPlatform.Check check = platform.checks.get(0);
        assertEquals(id, check.connector().id());
        assertEquals("new-token", check.connector().token());
        assertEquals("k1-renamed", service.get(id).name(), "nothing written");
        assertEquals("old-token", service.connectorInfo(id).token());

        platform.failWith(null);
        service.update(id, byUrl("k1-new", "https://k.example:6443", "new-token"));
        assertEquals("new-token", service.connectorInfo(id).token());
    }

    @Test
    void withoutAPlatformTheConnectorIsStoredUnchecked() {
        VirtualizationConnectorService unchecked = new VirtualizationConnectorService(server.database, server.plugins,
                server.reconcile, new PlatformRegistry());
        long id = unchecked.create(byKubeconfig("k1", "apiVersion: v1"));
        assertEquals("k1", unchecked.get(id).name());
    }

    @Test
    void deletingLetsTheClusterGoAtOnce() {
        long id = service.create(byKubeconfig("k1", "apiVersion: v1"));
        service.delete(id);
        assertEquals(List.of(id), platform.unwatched);
    }

    private void assertRefused(String field, String reason, Runnable request) {
        UnprocessableException e = assertThrows(UnprocessableException.class, request::run);
        assertEquals(422, e.status());
        assertEquals(Set.of(field), ServerFixture.fields(e));
        assertEquals(reason, e.errors().get(0).message());
    }
}
