package org.osc.server.sg;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.ManagerException;
import org.osc.api.manager.ManagerUnreachableException;
import org.osc.api.manager.ManagerPluginProperties;
import org.osc.api.manager.element.ManagerConnectorElement;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.SdnPluginProperties;
import org.osc.sdn.api.element.TagEncapsulation;
import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.UnprocessableException;
import org.osc.server.plugin.PluginInfo;
import org.osc.server.plugin.PluginRegistry;
import org.osc.server.reconcile.NotReadyException;
import org.osc.server.reconcile.UnreachableException;
import org.osc.server.vc.ControllerAttributes;

/**
 * The plugins security groups and bindings talk to, found by name in the registry, with their capabilities.
 * Lookups that a reconcile task needs fail with a message naming the object and the missing plugin, since
 * that message becomes the job's failure reason.
 */
final class PluginAccess {

    /** Capability names as the registry lists them (the service property without its prefix). */
    static final String PORT_GROUP = sdnKey(SdnPluginProperties.SUPPORTS_PORT_GROUP);
    static final String FAILURE_POLICY = sdnKey(SdnPluginProperties.SUPPORTS_FAILURE_POLICY);
    static final String SFC = sdnKey(SdnPluginProperties.SUPPORTS_SFC);
    static final String ENCAPSULATIONS = sdnKey(SdnPluginProperties.SUPPORTED_ENCAPSULATIONS);
    static final String SYNC_GROUP = managerKey(ManagerPluginProperties.SYNC_SECURITY_GROUP);
    static final String SYNC_MAPPING = managerKey(ManagerPluginProperties.SYNC_POLICY_MAPPING);
    static final String MULTIPLE_POLICIES = managerKey(ManagerPluginProperties.SUPPORTS_MULTIPLE_POLICIES);

    private final PluginRegistry registry;

    PluginAccess(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return the SDN plugin; otherwise NotReadyException "who: SDN plugin 'X' is not installed" (transient: its
     *     arrival reconciles the object anyway, and the retries cover a plugin that is being replaced)
     */
    SdnControllerApi sdn(String who, String controllerType) {
        return registry.sdnController(controllerType).orElseThrow(
                () -> new NotReadyException(who + ": SDN plugin '" + controllerType + "' is not installed"));
    }

    /** @return the manager plugin; NotReadyException "who: manager plugin 'X' is not installed" otherwise */
    ApplianceManagerApi manager(String who, String managerType) {
        return registry.manager(managerType).orElseThrow(
                () -> new NotReadyException(who + ": manager plugin '" + managerType + "' is not installed"));
    }

    /**
     * @return "who: manager 'X' failed: reason", as an {@link UnreachableException} (probed through
     *     {@code checkConnection}) when the manager did not answer
     */
    IllegalStateException managerFailure(String who, GroupSnapshot.Manager manager, ManagerException e) {
        String message = who + ": manager '" + manager.name() + "' failed: " + e.getMessage();
        if (e instanceof ManagerUnreachableException) {
            return new UnreachableException(message, e, "manager connector '" + manager.name() + "'",
                    () -> manager(manager.name(), manager.managerType()).checkConnection(manager.element()));
        }
        return new IllegalStateException(message, e);
    }

    /** @return whether the plugin is installed */
    boolean present(String plugin) {
        return registry.find(plugin).isPresent();
    }

    /** @return whether the named plugin is installed and declares the boolean capability */
    boolean can(String plugin, String capability) {
        return registry.find(plugin).map(p -> p.can(capability)).orElse(false);
    }

    /** 422 unless the connector's SDN plugin is installed and keeps port groups, which security groups need. */
    void requirePortGroups(VirtualizationConnector vc) {
        String controller = vc.getControllerType();
        if (!present(controller)) {
            throw new UnprocessableException("controllerType", "SDN plugin '" + controller
                    + "' of virtualization connector '" + vc.getName() + "' is not installed");
        }
        if (!can(controller, PORT_GROUP)) {
            throw new UnprocessableException("controllerType", "SDN plugin '" + controller
                    + "' of virtualization connector '" + vc.getName() + "' does not support port groups, "
                    + "which security groups need");
        }
    }

    /**
     * The encapsulation of a virtual system's hooks: its own when it names one, else the first the SDN plugin
     * lists (a controller that lists none gets NONE, which carries no tag).
     */
    TagEncapsulation encapsulation(String controllerType, String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            return TagEncapsulation.valueOf(wanted);
        }
        Object listed = registry.find(controllerType).map(PluginInfo::capabilities).orElse(Map.of())
                .get(ENCAPSULATIONS);
        List<?> names = listed instanceof List<?> list ? list : listed == null ? List.of() : List.of(listed);
        return names.stream().map(String::valueOf).map(PluginAccess::encapsulation).flatMap(Optional::stream)
                .findFirst().orElse(TagEncapsulation.NONE);
    }

    /** @return what an SDN plugin knows of a connector: its name, type and controller attributes */
    static VirtualizationConnectorElement element(VirtualizationConnector vc) {
        return ControllerAttributes.element(vc);
    }

    /** @return the address and credentials a manager plugin needs for every call */
    static ManagerConnectorElement element(ManagerConnector mc) {
        return new ManagerConnectorElement(mc.getName(), mc.getIpAddress(), mc.getUsername(), mc.getPassword(),
                mc.getApiKey(), Map.of());
    }

    private static Optional<TagEncapsulation> encapsulation(String name) {
        try {
            return Optional.of(TagEncapsulation.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String sdnKey(String property) {
        return property.substring("osc.sdn.".length());
    }

    private static String managerKey(String property) {
        return property.substring("osc.manager.".length());
    }
}
