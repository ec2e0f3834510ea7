package org.osc.server.plugin;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.server.error.UnprocessableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at an uploaded bundle before it replaces anything: installs it aside (under a location the plugins
 * folder's watcher does not manage), has the framework resolve it without starting it, checks that it declares an
 * SDN controller or manager service, and uninstalls it again. A bundle that cannot resolve (a package nobody
 * exports, an SPI version this server does not have) or that provides no plugin is refused here, and the working
 * plugin it was meant to replace never stops.
 */
final class PluginCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCheck.class);
    private static final Set<String> PLUGIN_SERVICES = Set.of(SdnControllerApi.class.getName(),
            ApplianceManagerApi.class.getName());
    private static final String SERVICE_NAMESPACE = "osgi.service";

    private final BundleContext context;

    PluginCheck(BundleContext context) {
        this.context = context;
    }

    /**
     * @throws UnprocessableException (naming the {@code body}) when the bundle cannot be installed or resolved, or
     *     declares no plugin service
     */
    void check(byte[] jar, PluginFiles.Upload upload) {
        String label = "Bundle '" + upload.symbolicName() + "' " + upload.version();
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        Bundle staged;
        try {
            staged = context.installBundle("osc-upload:" + upload.symbolicName() + "/" + upload.version(),
                    new ByteArrayInputStream(jar));
        } catch (BundleException | RuntimeException e) {
            LOG.info("{} could not be installed for its check: {}", label, e.getMessage());
            throw new UnprocessableException("body", label + " cannot be installed: it is not a valid bundle");
        }
        try {
            if (!wiring.resolveBundles(List.of(staged))) {
                throw new UnprocessableException("body", label + " cannot be resolved: it needs "
                        + String.join(", ", missing(staged, wiring)));
            }
            if (!declaresPlugin(staged.adapt(BundleRevision.class))) {
                throw new UnprocessableException("body", label + " provides no OSC plugin: it declares no "
                        + "SDN controller (SdnControllerApi) or manager (ApplianceManagerApi) service");
            }
        } finally {
            try {
                staged.uninstall();
                wiring.refreshBundles(List.of(staged));
            } catch (BundleException | RuntimeException e) {
                LOG.warn("{}: its checked copy could not be uninstalled", label, e);
            }
        }
    }

    /** @return the mandatory requirements no installed bundle satisfies, readably */
    private static List<String> missing(Bundle staged, FrameworkWiring wiring) {
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : staged.adapt(BundleRevision.class).getRequirements(null)) {
            if (Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(
                    Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
                missing.add((PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace()) ? "package "
                        : requirement.getNamespace() + " ") + filter);
            }
        }
        return missing.isEmpty() ? List.of("something the framework could not name (see the server log)") : missing;
    }

    private static boolean declaresPlugin(BundleRevision revision) {
        for (Capability capability : revision.getDeclaredCapabilities(SERVICE_NAMESPACE)) {
            Object classes = capability.getAttributes().get(Constants.OBJECTCLASS);
            if (classes instanceof List<?> list && list.stream().anyMatch(PLUGIN_SERVICES::contains)
                    || classes instanceof String single && PLUGIN_SERVICES.contains(single)) {
                return true;
            }
        }
        return false;
    }
}
