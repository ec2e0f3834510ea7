package org.osc.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code oscctl keys}: the keys of the stored secrets (ids, never a key) and which replica holds which. */
@Command(name = "keys", description = "List the keys of the secrets the server stores (ids and how many "
        + "values each encrypts, never a key) and the replicas on the database with the key ids each holds.",
        footer = { "%nA key marked on every replica may be made active: oscctl rotate-key --key-id ID."
                + "%n%nExamples:%n  oscctl keys%n  oscctl keys -o json   # GET "
                + "serverManagement/secretKeys as it is" })
public class SecretKeysCommand extends BaseCommand {

    private static final String ROW = "%-10s %-7s %-7s %s%n";

    @Override
    public Integer call() {
        JsonNode keys = client().get("serverManagement/secretKeys");
        StringBuilder text = new StringBuilder(String.format(ROW, "KEY", "ACTIVE", "VALUES", "ON EVERY REPLICA"));
        for (JsonNode key : keys.path("keys")) {
            text.append(String.format(ROW, key.path("id").asText(), yes(key.path("active")),
                    key.path("values").asInt(), yes(key.path("onEveryReplica"))));
        }
        text.append(String.format("%n%-24s %-5s %-10s %s%n", "REPLICA", "LIVE", "ACTIVE", "KEYS"));
        for (JsonNode replica : keys.path("replicas")) {
            String name = replica.path("name").asText();
            if (name.equals(keys.path("replica").asText())) {
                name += " (this)";
            }
            text.append(String.format("%-24s %-5s %-10s %s%n", name, yes(replica.path("live")),
                    replica.path("activeKeyId").asText(), ids(replica.path("keyIds"))));
        }
        output().result(text.toString().stripTrailing(), keys);
        return ExitCodes.OK;
    }

    private static String ids(JsonNode array) {
        StringBuilder ids = new StringBuilder();
        for (JsonNode id : array) {
            ids.append(ids.length() == 0 ? "" : ",").append(id.asText());
        }
        return ids.toString();
    }

    private static String yes(JsonNode flag) {
        return flag.asBoolean() ? "yes" : "no";
    }
}
