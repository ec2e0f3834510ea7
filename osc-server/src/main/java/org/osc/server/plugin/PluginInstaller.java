package org.osc.server.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades and removes plugins through the plugins folder, waiting until the registry shows the change
 * so that the REST caller gets an answer about the result, not about a file.
 *
 * <p>An upload is checked first ({@link PluginCheck}: it must resolve and declare a plugin service), so a broken
 * bundle never touches the plugin it was meant to replace. A bundle with the symbolic name of an installed plugin
 * bundle and another version replaces it (an upgrade, or a downgrade the admin chose); the same version again is a
 * conflict. If the new version does not become a ready plugin within {@link #START_WAIT}, the previous jar is put
 * back (or the new one removed) and the upload is refused with the reason.
 *
 * <p>The answer does not wait for the REST whiteboard: a plugin's own REST resources are served in the plugins'
 * application ({@link org.osc.server.rest.PluginApplication}), which the whiteboard may still be rebuilding for a
 * few milliseconds after the plugin is ready; OSC's API is in an application of its own that a plugin's coming or
 * going does not touch.
 */
@Component(service = PluginInstaller.class)
public class PluginInstaller {

    /** How long an installed or updated bundle gets to register its plugin, and a removed one to go. */
    static final Duration START_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);

    private final PluginRegistry registry;
    private final BundleContext context;
    private final PluginCheck check;

    /** An installer tracking changes through the given registry. */
    @Activate
    public PluginInstaller(@Reference PluginRegistry registry, BundleContext context) {
        this.registry = registry;
        this.context = context;
        this.check = new PluginCheck(context);
    }

    /**
     * Checks an uploaded bundle, stores it in the plugins folder (replacing another version of it) and waits until
     * its plugins are ready in the new version.
     *
     * @return the plugins the bundle provides, in the uploaded version
     * @throws ConflictException when the same version is installed, or the bundle's name is one of the server's
     * @throws UnprocessableException when the bundle does not resolve, provides no plugin, or does not start (then
     *     the previous version is active again, or nothing was left installed)
     */
    public synchronized List<PluginInfo> install(byte[] jar) throws IOException {
        PluginFiles.Upload upload = PluginFiles.read(jar);
        PluginFiles files = registry.files().orElseThrow(() -> new IllegalStateException("No plugins folder"));
        Optional<Bundle> installed = bundle(upload.symbolicName());
        if (installed.isPresent()) {
            if (!files.isPluginLocation(installed.get().getLocation())) {
                throw new ConflictException("Bundle '" + upload.symbolicName() + "' is part of the server "
                        + "distribution and cannot be replaced over REST");
            }
            if (installed.get().getVersion().toString().equals(upload.version())) {
                throw new ConflictException("Bundle '" + upload.symbolicName() + "' " + upload.version()
                        + " is installed already; upload another version to replace it");
            }
        }
        check.check(jar, upload);
        Path file = files.fileFor(upload.symbolicName());
        byte[] previous = installed.isPresent() && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        String previousVersion = installed.map(b -> b.getVersion().toString()).orElse(null);
        files.store(jar, upload.symbolicName());
        List<PluginInfo> ready = await(() -> inVersion(upload));
        if (!ready.isEmpty()) {
            // name and version passed PluginFiles.read's checks: nothing in them can forge a log line
            LOG.info("Bundle '{}' {} installed{}", upload.symbolicName(), upload.version(),
                    previousVersion == null ? "" : " in place of " + previousVersion);
            return ready;
        }
        String problem = bundleProblem(upload.symbolicName());
        if (previous != null) {
            files.store(previous, upload.symbolicName());
            boolean back = !await(() -> inVersion(new PluginFiles.Upload(upload.symbolicName(), previousVersion)))
                    .isEmpty();
            throw new UnprocessableException("body", "Bundle '" + upload.symbolicName() + "' " + upload.version()
                    + " provided no ready plugin within " + START_WAIT.toSeconds() + " s" + problem + "; "
                    + (back ? "version " + previousVersion + " is active again"
                            : "version " + previousVersion + " was put back but is not ready yet"));
        }
        Files.deleteIfExists(file);
        throw new UnprocessableException("body", "Bundle '" + upload.symbolicName() + "' " + upload.version()
                + " provided no ready plugin within " + START_WAIT.toSeconds() + " s" + problem
                + "; it was removed again");
    }

    /** Removes the named plugin's bundle and waits until the plugin is gone. */
    public void remove(String name) throws IOException {
        PluginInfo info = registry.find(name).orElseThrow(() -> new NotFoundException("Plugin '" + name + "'"));
        Bundle bundle = context.getBundle(info.bundleId());
        if (bundle == null) {
            throw new NotFoundException("Plugin '" + name + "'");
        }
        if (!info.removable()) {
            throw new ConflictException("Plugin '" + name + "' is part of the server distribution, not of the "
                    + "plugins folder, and cannot be removed over REST");
        }
        Files.deleteIfExists(PluginFiles.fileOf(bundle.getLocation()));
        Instant deadline = Instant.now().plus(START_WAIT);
        while (registry.find(name).isPresent() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (registry.find(name).isPresent()) {
            throw new ConflictException("Plugin '" + name + "' file was deleted but the bundle is still active");
        }
        while (bundle.getState() != Bundle.UNINSTALLED && Instant.now().isBefore(deadline)) {
            sleep();
        }
    }

    /** @return the plugins the bundle provides in the upload's version; empty when none (yet) */
    private List<PluginInfo> inVersion(PluginFiles.Upload upload) {
        List<PluginInfo> provided = new ArrayList<>();
        for (PluginInfo info : registry.list()) {
            if (upload.symbolicName().equals(info.bundleSymbolicName()) && upload.version().equals(info.version())) {
                provided.add(info);
            }
        }
        return provided;
    }

    /** @return what the supplier gives once it is not empty, or empty after {@link #START_WAIT} */
    private static List<PluginInfo> await(Supplier<List<PluginInfo>> plugins) {
        Instant deadline = Instant.now().plus(START_WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<PluginInfo> found = plugins.get();
            if (!found.isEmpty()) {
                return found;
            }
            sleep();
        }
        return List.of();
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .filter(b -> !b.getLocation().startsWith("osc-upload:")).findFirst();
    }

    /** @return why the bundle provides no plugin, as far as the framework says, starting with a separator */
    private String bundleProblem(String symbolicName) {
        Optional<Bundle> bundle = bundle(symbolicName);
        if (bundle.isEmpty()) {
            return " (the bundle was not installed; see the server log)";
        }
        if (bundle.get().getState() == Bundle.ACTIVE) {
            return " (it is active but registers no SDN controller or manager service, or one whose name another "
                    + "plugin has)";
        }
        try {
            bundle.get().start();
            return " (it did not start in time)";
        } catch (BundleException e) {
            LOG.warn("Bundle '{}' does not start", symbolicName, e);
            return " (it does not start; the server log has the framework's reason)";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the plugin", e);
        }
    }
}
