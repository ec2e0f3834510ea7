package org.osc.server.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key file: the ring's keys in base64, oldest first, the last one active (unless the database records
 * another: {@link AtRest#agree}), each as {@code <id>=<base64>}
 * (comment lines start with {@code #}). A file of one bare base64 line is a ring of that one key, so that a
 * Kubernetes Secret can hold just the key. Written atomically (a new file moved over the old one), owner-only.
 */
public final class KeyFile {

    private static final String HEADER = """
            # OSC's keys for the secrets stored in its database (AES-256, base64), oldest first; the database records
            # which one is active (at first, the last one), the others decrypt values not yet rotated.
            # Back this file up with the database: without it the secrets stored there are lost. Keep it readable by
            # the server's user only.
            """;

    private KeyFile() {
    }

    /**
     * @return the ring the file holds
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException saying which line is wrong when it is not a key file
     */
    public static KeyRing read(Path file) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        int number = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            // base64 ends in '=' padding: an id is what comes before an '=' that is not at the end
            boolean named = equals > 0 && equals < line.length() - 1 && line.charAt(equals + 1) != '=';
            String encoded = named ? line.substring(equals + 1).strip() : line;
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + number + " is not a base64 key");
            }
            if (key.length != KeyRing.KEY_BYTES) {
                throw new IllegalArgumentException(file + " line " + number + " holds a key of " + key.length * 8
                        + " bits instead of 256");
            }
            if (named && !line.substring(0, equals).strip().equals(KeyRing.idOf(key))) {
                throw new IllegalArgumentException(file + " line " + number + ": the id does not match the key");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no key");
        }
        return KeyRing.of(keys);
    }

    /**
     * Writes the ring, readable by the owner only, replacing the file at once (a crash leaves the old or the new
     * file, never half of one).
     */
    public static void write(Path file, KeyRing ring) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (byte[] key : ring.rawKeys()) {
            text.append(KeyRing.idOf(key)).append('=').append(Base64.getEncoder().encodeToString(key)).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = OwnerOnly.createFile(dir.resolve(file.getFileName() + ".new"));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
