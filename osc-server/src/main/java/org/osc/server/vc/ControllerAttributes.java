package org.osc.server.vc;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osc.sdn.api.element.VirtualizationConnectorElement;
import org.osc.server.domain.Columns;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.error.Checks;
import org.osc.server.error.Texts;
import org.osc.server.log.LogSafe;

/**
 * A virtualization connector's controller settings ({@code controllerAttributes}): string → string, handed to its
 * SDN plugin as the connector element's provider attributes, e.g. {@code northbound=tcp:127.0.0.1:6641}.
 *
 * <p>Rules: at most {@value #MAX_KEYS} keys; a key is 1 to {@value #MAX_KEY_LENGTH} letters, digits, {@code .},
 * {@code -} or {@code _}; a value is a string of at most {@value #MAX_VALUE_LENGTH} characters (a PEM key or
 * certificate fits) without NUL or control characters other than tab and line breaks. A key ending in {@code Key},
 * {@code Password}, {@code Secret} or {@code Token} (in any case: {@code clientKey}, {@code ADMIN_PASSWORD}) is a
 * <em>secret</em>: accepted on write, never returned nor logged; the API names the secrets set
 * ({@code controllerSecretsSet}) instead.
 *
 * <p>On update ({@link #updatedBy}): no {@code controllerAttributes} at all keeps every stored attribute; a map
 * replaces the non-secret attributes (those left out are removed, as the connector's other fields) and sets the
 * secrets it names, while a secret it leaves out keeps its stored value (the way {@code kubeconfig} does). An
 * empty string removes an attribute, secret or not; on create it is the same as leaving the key out.
 *
 * <p>Instances are immutable; both maps are sorted by key.
 *
 * @param plain the attributes that may be shown
 * @param secrets the secret attributes
 */
public record ControllerAttributes(SortedMap<String, String> plain, SortedMap<String, String> secrets) {

    /** The most attributes a connector has. */
    public static final int MAX_KEYS = 32;
    /** The longest key. */
    public static final int MAX_KEY_LENGTH = Columns.ATTRIBUTE_KEY;
    /** The longest value (16 KiB). */
    public static final int MAX_VALUE_LENGTH = Columns.ATTRIBUTE_VALUE;
    /** The request field. */
    public static final String FIELD = "controllerAttributes";

    /** None. */
    public static final ControllerAttributes NONE = new ControllerAttributes(new TreeMap<>(), new TreeMap<>());

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_LENGTH + "}");
    private static final List<String> SECRET_SUFFIXES = List.of("key", "password", "secret", "token");

    /** Copies both maps, sorted and unmodifiable. */
    public ControllerAttributes {
        plain = Collections.unmodifiableSortedMap(new TreeMap<>(plain));
        secrets = Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
    }

    /** @return whether an attribute of that key is a secret: it ends in Key, Password, Secret or Token (any case) */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** @return what the connector stores */
    public static ControllerAttributes of(VirtualizationConnector vc) {
        return new ControllerAttributes(vc.getControllerAttributes(), vc.getControllerSecrets());
    }

    /**
     * Adds a problem per invalid attribute, on {@code controllerAttributes.<key>} (or on {@code controllerAttributes}
     * for too many keys). A problem never quotes a value.
     */
    public static void validate(Checks checks, Map<String, String> requested) {
        if (requested == null) {
            return;
        }
        long set = requested.values().stream().filter(v -> v != null && !v.isEmpty()).count();
        checks.require(set <= MAX_KEYS, FIELD, "must have at most " + MAX_KEYS + " attributes");
        for (Map.Entry<String, String> entry : requested.entrySet()) {
            String key = entry.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                checks.fail(FIELD + "." + shown(key), "a key is 1 to " + MAX_KEY_LENGTH
                        + " letters, digits, '.', '-' or '_'");
                continue;
            }
            String field = FIELD + "." + key;
            String value = entry.getValue();
            if (value == null) {
                checks.fail(field, "must be a string");
            } else if (value.length() > MAX_VALUE_LENGTH) {
                checks.fail(field, "must be at most " + MAX_VALUE_LENGTH + " characters");
            } else {
                String problem = Texts.multiLine(value);
                if (problem != null) {
                    checks.fail(field, problem);
                }
            }
        }
    }

    /** @return the attributes a new connector gets from a validated request (null: none) */
    public static ControllerAttributes create(Map<String, String> requested) {
        return NONE.updatedBy(requested);
    }

    /**
     * @param requested the request's validated {@code controllerAttributes}; null keeps everything
     * @return the attributes after an update with that request (see the class comment)
     */
    public ControllerAttributes updatedBy(Map<String, String> requested) {
        if (requested == null) {
            return this;
        }
        SortedMap<String, String> nextPlain = new TreeMap<>();
        SortedMap<String, String> nextSecrets = new TreeMap<>(secrets);
        requested.forEach((key, value) -> {
            if (isSecret(key)) {
                if (value.isEmpty()) {
                    nextSecrets.remove(key);
                } else {
                    nextSecrets.put(key, value);
                }
            } else if (!value.isEmpty()) {
                nextPlain.put(key, value);
            }
        });
        return new ControllerAttributes(nextPlain, nextSecrets);
    }

    /**
     * @return how many attributes there are in all
     */
    public int size() {
        return plain.size() + secrets.size();
    }

    /** @return every attribute, secrets included: what the SDN plugin gets */
    public Map<String, String> all() {
        SortedMap<String, String> all = new TreeMap<>(plain);
        all.putAll(secrets);
        return Collections.unmodifiableSortedMap(all);
    }

    /** @return the names of the secrets set, sorted */
    public List<String> secretNames() {
        return List.copyOf(secrets.keySet());
    }

    /** @return the connector as an SDN plugin sees it, with these attributes as its provider attributes */
    public VirtualizationConnectorElement element(String name, String type) {
        return new VirtualizationConnectorElement(name, type, all());
    }

    /** @return the connector as its SDN plugin sees it: name, type, and every controller attribute */
    public static VirtualizationConnectorElement element(VirtualizationConnector vc) {
        return of(vc).element(vc.getName(), vc.getType());
    }

    /** Saves these attributes on the connector. */
    public void applyTo(VirtualizationConnector vc) {
        vc.setControllerAttributes(plain);
        vc.setControllerSecrets(secrets);
    }

    /** Never the secrets' values. */
    @Override
    public String toString() {
        return "ControllerAttributes[plain=" + plain + ", secrets=" + secrets.keySet() + "]";
    }

    /** @return an invalid key as it may appear in a field name: escaped, and cut */
    private static String shown(String key) {
        if (key == null) {
            return "null";
        }
        String escaped = LogSafe.of(key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key);
        return key.length() > MAX_KEY_LENGTH ? escaped + "..." : escaped;
    }
}
