package org.osc.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;

import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam options that boot exactly the runtime the build assembled: every bundle listed in the exported
 * {@code features/target/osc.jar}, with its framework properties, and an OSC home folder of its own (settings,
 * data, plugins) so the test never touches a user's installation.
 */
final class AssembledRuntime {

    static final String ADMIN_PASSWORD = "it-admin-password";

    private AssembledRuntime() {
    }

    static Option[] options(Path home, int port) {
        try {
            Files.createDirectories(home.resolve("etc"));
            Files.createDirectories(home.resolve("plugins"));
            Files.createDirectories(home.resolve("data"));
            Path runtimeJar = Path.of(System.getProperty("osc.runtime.jar", "../features/target/osc.jar"));
            List<Option> options = new ArrayList<>();
            try (JarFile jar = new JarFile(runtimeJar.toFile())) {
                Properties launcher = new Properties();
                try (InputStream in = jar.getInputStream(jar.getEntry("launcher.properties"))) {
                    launcher.load(in);
                }
                for (String name : launcher.stringPropertyNames()) {
                    if (!name.startsWith("launch.") && !name.startsWith("org.osgi.framework.storage")) {
                        options.add(frameworkProperty(name).value(launcher.getProperty(name)));
                    }
                }
                Path bundles = home.resolve("bundles");
                Files.createDirectories(bundles);
                for (String entry : launcher.getProperty("launch.bundles").split(",")) {
                    Path target = bundles.resolve(Path.of(entry).getFileName().toString());
                    try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    boolean fragment;
                    try (JarFile bundleJar = new JarFile(target.toFile())) {
                        fragment = bundleJar.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
                    }
                    options.add(bundle(target.toUri().toString()).start(!fragment));
                }
            }
            options.add(frameworkProperty("felix.fileinstall.dir").value(home.resolve("plugins").toString()));
            options.add(frameworkProperty("osc.data.dir").value(home.resolve("data").toString()));
            options.add(systemProperty("osc.home").value(home.toString()));
            options.add(systemProperty("osc.http.port").value(Integer.toString(port)));
            options.add(systemProperty("osc.admin.password").value(ADMIN_PASSWORD));
            options.add(systemProperty("logback.configurationFile").value("none"));
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
            options.add(junitBundles());
            options.add(cleanCaches());
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the assembled runtime (did features build?)", e);
        }
    }

    /**
     * Pax Exam loads a test class twice (to configure, and again inside the framework), so the port chosen for
     * the configuration reaches the test through the system property the configuration sets.
     */
    static int port() {
        return Integer.getInteger("osc.http.port", freePort());
    }

    /** @return the OSC home the configuration chose (see {@link #port()}), or a new one to configure with */
    static Path home() {
        String home = System.getProperty("osc.home");
        if (home != null) {
            return Path.of(home);
        }
        try {
            return Files.createTempDirectory("osc-it-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a sample plugin jar of the distribution the build assembled */
    static Path distPlugin(String name) {
        return Path.of(System.getProperty("osc.dist.dir", "../features/target/osc"), "plugins", name + ".jar");
    }
}
