package org.osc.api.manager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Names of the service properties an {@link ApplianceManagerApi} service is registered with. OSC reads them
 * once per registration, so a plugin declares what it can do without OSC calling it; a missing boolean
 * property counts as {@code false}. Values are strings or booleans as DS writes them
 * ({@code "osc.manager.syncsSecurityGroup:Boolean=true"}).
 */
@ProviderType
public final class ManagerPluginProperties {

    /**
     * The manager type: unique among installed manager plugins, and what a manager connector names as its
     * {@code managerType}. Required; a service without it is ignored.
     */
    public static final String PLUGIN_NAME = "osc.plugin.name";

    /** Vendor shown to administrators in the plugin list. */
    public static final String VENDOR_NAME = "osc.manager.vendorName";

    /** Security service (product) name shown to administrators in the plugin list. */
    public static final String SERVICE_NAME = "osc.manager.serviceName";

    /**
     * Boolean: the manager wants security groups and their members; OSC then calls
     * {@link ApplianceManagerApi#createSecurityGroupApi} and keeps groups in step with the cluster.
     */
    public static final String SYNC_SECURITY_GROUP = "osc.manager.syncsSecurityGroup";

    /**
     * Boolean: the manager wants policy mappings; OSC then calls
     * {@link ApplianceManagerApi#createSecurityGroupInterfaceApi} for every binding. Needs
     * {@link #SYNC_SECURITY_GROUP} too, since a mapping references a group.
     */
    public static final String SYNC_POLICY_MAPPING = "osc.manager.syncsPolicyMapping";

    /**
     * Boolean: a binding may carry more than one policy. When {@code false}, OSC rejects bindings with more
     * than one policy before calling the plugin.
     */
    public static final String SUPPORTS_MULTIPLE_POLICIES = "osc.manager.supportsMultiplePolicies";

    /**
     * Boolean: the manager reports per-member status; OSC then polls
     * {@link ApplianceManagerApi#createDeviceStatusApi} to show whether each VNF is inspection ready.
     */
    public static final String PROVIDES_DEVICE_STATUS = "osc.manager.providesDeviceStatus";

    /**
     * Which credential a manager connector must carry: a name of {@link AuthenticationType}
     * ({@code "PASSWORD"} or {@code "API_KEY"}). OSC validates connectors against it.
     */
    public static final String AUTHENTICATION_TYPE = "osc.manager.authenticationType";

    private ManagerPluginProperties() {
    }
}
