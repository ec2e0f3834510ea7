package org.osc.ovn.sdn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.osc.ovn.sdn.nb.NbView;
import org.osc.ovsdb.Row;
import org.osc.sdn.api.element.NetworkElement;

/**
 * Workload ports as OVN-Kubernetes lays them out: a pod's {@code Logical_Switch_Port} is named
 * {@code <namespace>_<pod>} and its {@code addresses} hold {@code "MAC IP..."}.
 */
public final class Ports {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MAC = Pattern.compile("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Ports() {
    }

    /**
     * The SPI view of a logical switch port: id = its name (stable as long as the pod), its MACs and IPs, and
     * the logical switch (node) it is on as parent.
     *
     * @param view the northbound content
     * @param lsp the port
     * @return the network element
     */
    public static NetworkElement element(NbView view, Row lsp) {
        return view.derived(lsp, l -> derive(view, l));
    }

    private static NetworkElement derive(NbView view, Row lsp) {
        TreeSet<String> macs = new TreeSet<>();
        TreeSet<String> ips = new TreeSet<>();
        for (Object entry : lsp.getSet("addresses")) {
            String[] parts = SPACES.split(entry.toString().trim());
            if (parts.length == 0 || !MAC.matcher(parts[0]).matches()) {
                continue; // "router", "unknown", "dynamic"
            }
            macs.add(parts[0].toLowerCase());
            for (int i = 1; i < parts.length; i++) {
                ips.add(withoutPrefix(parts[i]));
            }
        }
        String parent = view.switchOf(lsp.uuid()).map(ls -> ls.getString("name")).orElse("");
        return new NetworkElement(lsp.getString("name"), List.copyOf(macs), List.copyOf(ips),
                parent == null ? "" : parent);
    }

    /**
     * @param lsp a logical switch port
     * @return its IPv4 addresses, sorted
     */
    public static List<String> ipv4(Row lsp) {
        List<String> result = new ArrayList<>();
        for (Object entry : lsp.getSet("addresses")) {
            String[] parts = SPACES.split(entry.toString().trim());
            for (int i = 1; i < parts.length; i++) {
                String ip = withoutPrefix(parts[i]);
                if (IPV4.matcher(ip).matches()) {
                    result.add(ip);
                }
            }
        }
        result.sort(null);
        return result;
    }

    private static String withoutPrefix(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /**
     * The pod a workload port belongs to, from OVN-Kubernetes' name {@code <namespace>_<pod>} (a namespace
     * cannot hold '_'), for ports of type "" (VIFs) only.
     *
     * @param lsp a logical switch port
     * @return {namespace, pod}, or null if the port is not a pod's
     */
    public static String[] pod(Row lsp) {
        String type = lsp.getString("type");
        String name = lsp.getString("name");
        if ((type != null && !type.isEmpty()) || name == null) {
            return null;
        }
        Object namespace = lsp.getMap("external_ids").get("namespace");
        int cut = name.indexOf('_');
        if (cut <= 0 || cut == name.length() - 1) {
            return null;
        }
        if (namespace != null && !name.startsWith(namespace + "_")) {
            return null;
        }
        return new String[] {name.substring(0, cut), name.substring(cut + 1)};
    }
}
