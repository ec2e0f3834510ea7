package org.osc.sdn.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Names of the service properties an SDN plugin registers its {@link SdnControllerApi} with. OSC's plugin
 * registry reads them to name the plugin and to decide which calls it may make; a plugin must register every
 * one of them. Boolean properties are {@code Boolean}, not strings (in DS annotations:
 * {@code "osc.sdn.supportsPortGroup:Boolean=true"}).
 */
@ProviderType
public final class SdnPluginProperties {

    /**
     * The controller type name ({@code String}), unique among installed SDN plugins. A virtualization
     * connector selects its plugin by this name ({@code controllerType}).
     */
    public static final String PLUGIN_NAME = "osc.plugin.name";

    /**
     * {@code Boolean}: the controller keeps port groups. Security groups can only be bound with a plugin that
     * supports them, because OSC hooks a security group's port group, not each pod's port.
     */
    public static final String SUPPORTS_PORT_GROUP = "osc.sdn.supportsPortGroup";

    /**
     * {@code Boolean}: the controller honours FAIL_OPEN / FAIL_CLOSE on a hook. Without it OSC accepts only
     * the failure policy {@code NA} on a binding and installs hooks with {@code NA}.
     */
    public static final String SUPPORTS_FAILURE_POLICY = "osc.sdn.supportsFailurePolicy";

    /**
     * {@code Boolean}: the controller can redirect to an inspection port on another host than the inspected
     * workload. Without it OSC only picks inspection ports on the workload's node.
     */
    public static final String SUPPORTS_OFFBOX_REDIRECTION = "osc.sdn.supportsOffboxRedirection";

    /**
     * {@code Boolean}: the controller can chain several appliances (service function chaining). Without it
     * OSC binds a security group to at most one appliance per connector.
     */
    public static final String SUPPORTS_SFC = "osc.sdn.supportsServiceFunctionChaining";

    /**
     * {@code String[]}: names of the {@link org.osc.sdn.api.element.TagEncapsulation} values the controller
     * accepts, e.g. {@code VLAN}, {@code VXLAN}. OSC refuses a virtual system whose encapsulation is not listed.
     */
    public static final String SUPPORTED_ENCAPSULATIONS = "osc.sdn.supportedEncapsulations";

    private SdnPluginProperties() {
    }
}
