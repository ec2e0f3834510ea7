package org.osc.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plugin upload over REST in the assembled runtime, as an admin upgrading a vendor plugin sees it: a new version
 * replaces the old one and the answer shows it; the same version again is a conflict; a bundle that does not
 * resolve, provides no plugin or does not start is refused with the reason, and the working version stays (or is
 * back) without a REST call.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginUploadIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = AssembledRuntime.ADMIN_PASSWORD;
    private static final int PORT = AssembledRuntime.port();
    private static final Path HOME = AssembledRuntime.home();
    private static final String PLUGINS = "server/v1/plugins";

    @Inject
    private BundleContext context;

    private final Http http = new Http(PORT);

    /** Small enough to test, larger than a plugin bundle (about 50 KB). */
    private static final int MAX_UPLOAD_BYTES = 1_000_000;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(AssembledRuntime.options(HOME, PORT),
                systemProperty("osc.http.maxUploadBytes").value(Integer.toString(MAX_UPLOAD_BYTES)));
    }

    @Before
    public void ready() throws InterruptedException {
        try {
            http.awaitReady(Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; not running:" + Diagnostics.describe(context), e);
        }
    }

    @Test
    public void anUpgradeReplacesThePluginAndBrokenUploadsLeaveItWorking() throws Exception {
        byte[] original = Files.readAllBytes(AssembledRuntime.distPlugin("manager-sample-plugin"));
        JsonNode first = created(http.postBytes(PLUGINS, ADMIN, PASSWORD, version(original, "1.0.0")));
        String name = first.path("name").asText();
        assertEquals("1.0.0", first.path("version").asText());

        Http.Reply again = http.postBytes(PLUGINS, ADMIN, PASSWORD, version(original, "1.0.0"));
        assertEquals(again.body(), 409, again.status());

        JsonNode upgraded = created(http.postBytes(PLUGINS, ADMIN, PASSWORD, version(original, "1.1.0")));
        assertEquals(name, upgraded.path("name").asText());
        assertEquals("the answer shows the new version, active", "1.1.0", upgraded.path("version").asText());
        assertEquals("1.1.0", plugin(name).path("version").asText());

        long started = System.nanoTime();
        Http.Reply unresolvable = http.postBytes(PLUGINS, ADMIN, PASSWORD, rewrite(original, m -> {
            m.getMainAttributes().putValue("Bundle-Version", "1.2.0");
            m.getMainAttributes().putValue("Import-Package",
                    m.getMainAttributes().getValue("Import-Package") + ",org.nowhere.missing");
        }));
        assertEquals(unresolvable.body(), 422, unresolvable.status());
        assertTrue(unresolvable.body(), unresolvable.body().contains("package (osgi.wiring.package=org.nowhere"));
        assertTrue("refused before anything changed", System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
        assertEquals("1.1.0", plugin(name).path("version").asText());

        Http.Reply noPlugin = http.postBytes(PLUGINS, ADMIN, PASSWORD, rewrite(original, m -> {
            m.getMainAttributes().putValue("Bundle-SymbolicName", "not-a-plugin");
            m.getMainAttributes().remove(new Attributes.Name("Service-Component"));
            m.getMainAttributes().remove(new Attributes.Name("Provide-Capability"));
        }));
        assertEquals(noPlugin.body(), 422, noPlugin.status());
        assertTrue(noPlugin.body(), noPlugin.body().contains("provides no OSC plugin"));
        assertFalse("nothing is left in the plugins folder", Files.exists(HOME.resolve("plugins/not-a-plugin.jar")));
        assertTrue(java.util.Arrays.stream(context.getBundles())
                .noneMatch(b -> "not-a-plugin".equals(b.getSymbolicName())));

        Http.Reply notStarting = http.postBytes(PLUGINS, ADMIN, PASSWORD, rewrite(original, m -> {
            m.getMainAttributes().putValue("Bundle-Version", "1.3.0");
            m.getMainAttributes().putValue("Bundle-Activator", "org.nowhere.Missing");
        }));
        assertEquals(notStarting.body(), 422, notStarting.status());
        assertTrue(notStarting.body(), notStarting.body().contains("version 1.1.0.0 is active again")
                || notStarting.body().contains("version 1.1.0 is active again"));
        assertEquals("the previous version is back", "1.1.0", plugin(name).path("version").asText());

        assertEquals(204, http.delete(PLUGINS + "/" + name, ADMIN, PASSWORD).status());
        assertEquals(404, http.get(PLUGINS + "/" + name, ADMIN, PASSWORD).status());
    }

    @Test
    public void anUploadOverTheLimitIs413AndInstallsNothing() {
        int before = http.get(PLUGINS, ADMIN, PASSWORD).json().path("items").size();
        Http.Reply tooLarge = http.postBytes(PLUGINS, ADMIN, PASSWORD, new byte[MAX_UPLOAD_BYTES + 1]);
        assertEquals(tooLarge.body(), 413, tooLarge.status());
        assertTrue(tooLarge.body(), tooLarge.body().contains("osc.http.maxUploadBytes"));
        assertEquals(before, http.get(PLUGINS, ADMIN, PASSWORD).json().path("items").size());
    }

    private JsonNode plugin(String name) {
        Http.Reply reply = http.get(PLUGINS + "/" + name, ADMIN, PASSWORD);
        assertEquals(reply.body(), 200, reply.status());
        assertEquals("READY", reply.json().path("state").asText());
        return reply.json();
    }

    private static JsonNode created(Http.Reply reply) {
        assertEquals(reply.body(), 201, reply.status());
        return reply.json().path("items").path(0);
    }

    private static byte[] version(byte[] jar, String version) throws IOException {
        return rewrite(jar, m -> m.getMainAttributes().putValue("Bundle-Version", version));
    }

    /** The jar with its manifest changed. */
    private static byte[] rewrite(byte[] jar, Consumer<Manifest> change) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            change.accept(manifest);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }
}
