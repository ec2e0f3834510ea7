package org.osc.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oscctl rotate-key}: a new active key for the secrets stored in the database, everything re-encrypted. */
@Command(name = "rotate-key", description = "Make a key active for the secrets the server stores (admins) and "
        + "re-encrypt every stored secret under it, in one transaction; prints how many were re-encrypted.",
        footer = { "%nWithout --key-id the server makes a new key and adds it to its key file (data/secret-keys, or "
                + "OSC_SECRET_KEY_FILE; back it up with the database): refused (exit 4) when another replica runs "
                + "on the database or the key file is read-only. With several replicas, add the new key to every "
                + "replica's key file (the Secret) first, wait until oscctl keys shows it "
                + "on every replica, then rotate to it with --key-id (docs/secrets.md)."
                + "%n%nExamples:%n  oscctl rotate-key%n  oscctl rotate-key --key-id 5d0c9a1e"
                + "%n  oscctl rotate-key -o json   # prints {\"activeKeyId\", \"previousKeyId\", \"reEncrypted\", "
                + "\"unreadable\"}" })
public class RotateKeyCommand extends BaseCommand {

    @Option(names = "--key-id", paramLabel = "ID", description = "Make this key of the key file active (8 "
            + "hexadecimal digits; every running replica must hold it) instead of a new one.")
    String keyId;

    @Override
    public Integer call() {
        String path = "serverManagement/secretKeys/rotate"
                + (keyId == null ? "" : "?keyId=" + URLEncoder.encode(keyId, StandardCharsets.UTF_8));
        JsonNode reply = client().send("POST", path, null).body();
        String line = "rotated the secret key: " + reply.path("activeKeyId").asText() + " is active (was "
                + reply.path("previousKeyId").asText() + "), " + reply.path("reEncrypted").asInt()
                + " stored secret(s) re-encrypted";
        int unreadable = reply.path("unreadable").asInt();
        output().result(unreadable > 0 ? line + ", " + unreadable + " that do not decrypt left as they were" : line,
                reply);
        return ExitCodes.OK;
    }
}
