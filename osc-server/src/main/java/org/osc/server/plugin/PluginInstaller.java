package org.osc.server.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osc.server.error.ConflictException;
import org.osc.server.error.NotFoundException;
import org.osc.server.error.UnprocessableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Installs and removes plugins through the plugins folder, waiting until the registry shows the change so
 * that the REST caller gets an answer about the result, not about a file.
 */
@Component(service = PluginInstaller.class)
public class PluginInstaller {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final PluginRegistry registry;
    private final BundleContext context;

    /** An installer tracking changes through the given registry. */
    @Activate
    public PluginInstaller(@Reference PluginRegistry registry, BundleContext context) {
        this.registry = registry;
        this.context = context;
    }

    /**
     * Stores an uploaded bundle in the plugins folder and waits until its plugins are ready.
     *
     * @return the plugins the bundle provides
     * @throws UnprocessableException when the bundle is installed but provides no plugin in time (with the
     *     framework's reason when it failed to resolve or start)
     */
    public List<PluginInfo> install(byte[] jar) throws IOException {
        PluginFiles files = registry.files().orElseThrow(() -> new IllegalStateException("No plugins folder"));
        String symbolicName = files.store(jar);
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<PluginInfo> provided = providedBy(symbolicName);
            if (!provided.isEmpty()) {
                return provided;
            }
            sleep();
        }
        throw new UnprocessableException("body", "Bundle '" + symbolicName + "' was installed but provides no "
                + "OSC plugin" + bundleProblem(symbolicName));
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
        Instant deadline = Instant.now().plus(WAIT);
        while (registry.find(name).isPresent() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (registry.find(name).isPresent()) {
            throw new ConflictException("Plugin '" + name + "' file was deleted but the bundle is still active");
        }
    }

    private List<PluginInfo> providedBy(String symbolicName) {
        List<PluginInfo> provided = new ArrayList<>();
        for (PluginInfo info : registry.list()) {
            if (symbolicName.equals(info.bundleSymbolicName())) {
                provided.add(info);
            }
        }
        return provided;
    }

    private String bundleProblem(String symbolicName) {
        Optional<Bundle> bundle = java.util.Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
        if (bundle.isEmpty()) {
            return " (the bundle was not installed; see the server log)";
        }
        if (bundle.get().getState() == Bundle.ACTIVE) {
            return " (it is active but registers no SDN controller or manager service)";
        }
        try {
            bundle.get().start();
            return " (it started only now; try again)";
        } catch (BundleException e) {
            return ": " + e.getMessage();
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
