package org.osc.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns what the user typed into ids: a number is an id as is; anything else is a name, looked up by listing
 * the kind's collection, and must match exactly one object.
 */
public final class Resolver {

    private final OscClient client;

    /** @param client used to list collections when a name is given */
    public Resolver(OscClient client) {
        this.client = client;
    }

    /**
     * @param kind the kind of the object
     * @param scope where it lives (its parents already resolved)
     * @param ref an id or a name
     * @return the id (for plugins and users, the escaped name, which is their key)
     * @throws CliException not found (exit 3) when no object has the name, usage (exit 2) when several do
     */
    public String id(Kind kind, Scope scope, String ref) {
        if (ref == null || ref.isBlank()) {
            throw CliException.usage("give the id or name of the " + kind.label());
        }
        if (kind.keyedByName()) {
            return OscClient.segment(ref);
        }
        if (isId(ref)) {
            return ref;
        }
        if (kind.nameField() == null) {
            throw CliException.usage(kind.label() + "s are referred to by id, and '" + ref + "' is not a number");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : client.get(kind.collection(scope)).path("items")) {
            if (ref.equals(item.path(kind.nameField()).asText(null))) {
                ids.add(item.path("id").asText());
            }
        }
        if (ids.isEmpty()) {
            throw CliException.notFound("no " + kind.label() + " named '" + ref + "'" + scope.describe());
        }
        if (ids.size() > 1) {
            throw CliException.usage(ids.size() + " " + kind.label() + "s are named '" + ref + "'" + scope.describe()
                    + " (ids " + String.join(", ", ids) + "); give the id");
        }
        return ids.get(0);
    }

    /**
     * @param what for the message, e.g. {@code --vs}
     * @param ref what the user typed
     * @return ref, when it is a number
     * @throws CliException usage (exit 2) when it is not: virtual systems and jobs have no names
     */
    public static String numeric(String what, String ref) {
        if (!isId(ref)) {
            throw CliException.usage(what + " takes an id (a number), not '" + ref + "'");
        }
        return ref;
    }

    static boolean isId(String ref) {
        return !ref.isEmpty() && ref.length() < 19 && ref.chars().allMatch(Character::isDigit);
    }
}
