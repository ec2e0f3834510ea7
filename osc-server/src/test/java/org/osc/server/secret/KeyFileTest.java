package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: written owner-only, read back as the same ring, wrong files refused with the line named. */
class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void aRingIsWrittenOwnerOnlyAndReadBackWithTheSameActiveKey() throws Exception {
        KeyRing ring = KeyRing.generate().withNewActiveKey();
        Path file = dir.resolve("keys");
        KeyFile.write(file, ring);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyRing read = KeyFile.read(file);
        assertEquals(List.copyOf(ring.ids()), List.copyOf(read.ids()));
        assertEquals(ring.activeId(), read.activeId());
        String stored = new SecretCipher(ring).seal("x", "t.c");
        assertEquals("x", new SecretCipher(read).open(stored, "t.c"));
        assertTrue(Files.readString(file).contains("Back this file up with the database"));
        assertEquals(List.of(file), Files.list(dir).toList(), "no temporary file left");
    }

    @Test
    void aBareBase64KeyIsARingOfOneKey() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        Path file = dir.resolve("secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        assertEquals(KeyRing.of(List.of(key)).activeId(), KeyFile.read(file).activeId());
    }

    @Test
    void wrongFilesAreRefusedNamingTheLine() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# nothing\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyFile.read(file)).getMessage()
                .contains("holds no key"));
        Files.writeString(file, "# a comment\nnot base64 at all!\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyFile.read(file)).getMessage()
                .contains("line 2"));
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyFile.read(file)).getMessage()
                .contains("128 bits"));
        Files.writeString(file, "0badc0de=" + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyFile.read(file)).getMessage()
                .contains("does not match"));
    }
}
