package org.osc.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code oscctl rotate-key}: a new active key for the secrets stored in the database, everything re-encrypted. */
@Command(name = "rotate-key", description = "Make a new key for the secrets the server stores (admins) and "
        + "re-encrypt every stored secret under it, in one transaction; prints how many were re-encrypted.",
        footer = { "%nThe key file (data/secret-keys, or OSC_SECRET_KEY_FILE) gets the new key; back it up with "
                + "the database.%n%nExamples:%n  oscctl rotate-key%n  oscctl rotate-key -o json   # prints "
                + "{\"activeKeyId\", \"previousKeyId\", \"reEncrypted\", \"unreadable\"}" })
public class RotateKeyCommand extends BaseCommand {

    @Override
    public Integer call() {
        JsonNode reply = client().send("POST", "serverManagement/secretKeys/rotate", null).body();
        String line = "rotated the secret key: " + reply.path("activeKeyId").asText() + " is active (was "
                + reply.path("previousKeyId").asText() + "), " + reply.path("reEncrypted").asInt()
                + " stored secret(s) re-encrypted";
        int unreadable = reply.path("unreadable").asInt();
        output().result(unreadable > 0 ? line + ", " + unreadable + " that do not decrypt left as they were" : line,
                reply);
        return ExitCodes.OK;
    }
}
