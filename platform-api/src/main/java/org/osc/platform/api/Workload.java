package org.osc.platform.api;

import java.util.List;
import java.util.Map;

/**
 * A pod as the virtualization platform sees it.
 *
 * @param namespace its namespace
 * @param name its name
 * @param uid its uid (a new pod of the same name has a new uid)
 * @param ipAddresses the IPs the platform reports (empty until assigned)
 * @param labels its labels
 */
public record Workload(String namespace, String name, String uid, List<String> ipAddresses,
        Map<String, String> labels) {

    /** Copies the collections. */
    public Workload {
        ipAddresses = List.copyOf(ipAddresses);
        labels = Map.copyOf(labels);
    }
}
