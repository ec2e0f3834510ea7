package org.osc.server.audit;

import java.util.Map;

/**
 * What object a request path is about: the last {@code collection/id} pair of the path under
 * {@code /api/server/v1}, with the collection named as the jobs name object types ({@code SECURITY_GROUP}).
 * Segments after it that are not a collection are actions or parts of that object ({@code /sync},
 * {@code /force}, {@code /members}, {@code /bindings}), so {@code .../securityGroups/7/members} is security group 7.
 * A path that ends with a collection names its type without an id (a create; the id comes from the answer).
 * Under {@code /api/plugins/} the object is the plugin's REST view ({@code PLUGIN_RESOURCE}, id: its first path
 * segment).
 *
 * @param type the object type, or null when the path names none
 * @param id the id or name from the path, or null
 */
public record ObjectPath(String type, String id) {

    /** The collections of OSC's API and the object type each holds. */
    static final Map<String, String> COLLECTIONS = Map.ofEntries(
            Map.entry("virtualizationConnectors", "VIRTUALIZATION_CONNECTOR"),
            Map.entry("securityGroups", "SECURITY_GROUP"),
            Map.entry("applianceManagerConnectors", "MANAGER_CONNECTOR"),
            Map.entry("domains", "MANAGER_DOMAIN"),
            Map.entry("catalog", "APPLIANCE"),
            Map.entry("versions", "APPLIANCE_SOFTWARE_VERSION"),
            Map.entry("distributedAppliances", "DISTRIBUTED_APPLIANCE"),
            Map.entry("virtualSystems", "VIRTUAL_SYSTEM"),
            Map.entry("deploymentSpecs", "DEPLOYMENT_SPEC"),
            Map.entry("distributedApplianceInstances", "DISTRIBUTED_APPLIANCE_INSTANCE"),
            Map.entry("users", "USER"),
            Map.entry("plugins", "PLUGIN"),
            Map.entry("jobs", "JOB"),
            Map.entry("tokens", "TOKEN"),
            Map.entry("audit", "AUDIT"));
    /** Groups of the API that are one thing, whatever follows ({@code secretKeys/rotate}). */
    static final Map<String, String> SINGLETONS = Map.of("secretKeys", "SECRET_KEYS", "status", "STATUS");

    private static final ObjectPath NONE = new ObjectPath(null, null);
    private static final String API = "server/v1/";
    private static final String PLUGINS = "plugins/";
    /** A group of resources, not an object: {@code serverManagement/secretKeys} is about the secret keys. */
    private static final String SERVER_MANAGEMENT = "serverManagement";

    /**
     * @param path the path under {@code /api}, with or without a leading slash, not decoded
     * @return what it is about; both fields null when it names no object
     */
    public static ObjectPath of(String path) {
        if (path == null) {
            return NONE;
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith(PLUGINS)) {
            String rest = p.substring(PLUGINS.length());
            int slash = rest.indexOf('/');
            String first = slash < 0 ? rest : rest.substring(0, slash);
            return first.isEmpty() ? NONE : new ObjectPath("PLUGIN_RESOURCE", first);
        }
        if (!p.startsWith(API)) {
            return NONE;
        }
        String[] segments = p.substring(API.length()).split("/");
        String type = null;
        String id = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() || i == 0 && segment.equals(SERVER_MANAGEMENT)) {
                continue;
            }
            if (SINGLETONS.containsKey(segment)) {
                type = SINGLETONS.get(segment);
                id = null;
                break;
            }
            String collection = COLLECTIONS.get(segment);
            if (collection == null) {
                break; // an action or a part of the object named so far
            }
            type = collection;
            id = i + 1 < segments.length && !segments[i + 1].isEmpty() ? segments[i + 1] : null;
            i++;
        }
        return type == null ? NONE : new ObjectPath(type, id);
    }

    /** @return this path's object with the id a create's answer gave, when the path named none */
    ObjectPath withCreated(String createdId) {
        return id == null && type != null && createdId != null ? new ObjectPath(type, createdId) : this;
    }

    /** @return {@code TYPE id}, {@code TYPE} or null, as the logging MDC shows it */
    String describe() {
        return type == null ? null : id == null ? type : type + " " + id;
    }
}
