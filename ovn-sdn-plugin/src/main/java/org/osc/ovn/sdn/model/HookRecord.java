package org.osc.ovn.sdn.model;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.FailurePolicy;
import org.osc.sdn.api.element.InspectedElement;
import org.osc.sdn.api.element.InspectionHook;
import org.osc.sdn.api.element.InspectionHookSpec;
import org.osc.sdn.api.element.TagEncapsulation;

/**
 * An inspection hook as OSC registered it, kept in the {@code external_ids} of its inspection port's record
 * ({@code osc-hook-<id>} = URL-encoded form fields), so that it survives a hook without any policy row (an
 * unhealthy VNF under FAIL_OPEN) and moves with the hook from one inspection port to another.
 *
 * @param id the hook's SPI id
 * @param spec the settings OSC installed it with
 * @param router the cluster router its policies are on
 */
public record HookRecord(String id, InspectionHookSpec spec, String router) {

    /** Prefix of the external_ids key of a hook record. */
    public static final String KEY_PREFIX = "osc-hook-";

    /**
     * @return the external_ids key
     */
    public String key() {
        return KEY_PREFIX + id;
    }

    /**
     * @return the SPI view
     */
    public InspectionHook hook() {
        return InspectionHook.of(id, spec);
    }

    /**
     * @return the external_ids value
     */
    public String encode() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", spec.inspected().kind().name());
        fields.put("inspected", spec.inspected().id());
        fields.put("tag", Long.toString(spec.tag()));
        fields.put("encapsulation", spec.encapsulation().name());
        fields.put("order", Long.toString(spec.order()));
        fields.put("failurePolicy", spec.failurePolicy().name());
        fields.put("router", router);
        StringBuilder text = new StringBuilder();
        fields.forEach((k, v) -> text.append(text.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return text.toString();
    }

    /**
     * @param key an external_ids key of an inspection port record
     * @param value its value
     * @param inspectionPortId the record's id
     * @return the hook, or null if the key is no hook record or the value is malformed
     */
    public static HookRecord decode(String key, String value, String inspectionPortId) {
        if (!key.startsWith(KEY_PREFIX) || key.length() == KEY_PREFIX.length()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : value.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        try {
            InspectedElement inspected = new InspectedElement(ElementKind.valueOf(fields.get("kind")),
                    fields.get("inspected"));
            InspectionHookSpec spec = new InspectionHookSpec(inspected, inspectionPortId,
                    Long.parseLong(fields.get("tag")), TagEncapsulation.valueOf(fields.get("encapsulation")),
                    Long.parseLong(fields.get("order")), FailurePolicy.valueOf(fields.get("failurePolicy")));
            String router = fields.get("router");
            if (router == null || router.isBlank()) {
                return null;
            }
            return new HookRecord(key.substring(KEY_PREFIX.length()), spec, router);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
