package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys at start, before the database opens: which file, generated or not, refused when unusable. */
class AtRestTest {

    @TempDir
    Path dir;

    @Test
    void withoutAKeyFileARingIsGeneratedButNotWrittenBeforeTheDatabaseIsChecked() throws Exception {
        Path data = dir.resolve("data");
        AtRest.prepare(data, Optional.empty());
        assertTrue(AtRest.state().pending());
        assertEquals(data.resolve(AtRest.DEFAULT_KEY_FILE), AtRest.state().file());
        assertFalse(Files.exists(AtRest.state().file()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void aConfiguredKeyFileIsUsedAsItIs() throws Exception {
        byte[] key = new byte[32];
        key[5] = 42;
        Path file = Files.writeString(dir.resolve("mounted-secret"), Base64.getEncoder().encodeToString(key));
        AtRest.prepare(dir.resolve("data"), Optional.of(file));
        assertFalse(AtRest.state().pending());
        assertTrue(AtRest.state().configured());
        assertEquals(KeyRing.of(List.of(key)).activeId(), AtRest.cipher().ring().activeId());
    }

    @Test
    void aConfiguredKeyFileThatDoesNotExistIsRefusedNotGenerated() {
        Path file = dir.resolve("missing");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AtRest.prepare(dir.resolve("data"), Optional.of(file)));
        assertTrue(e.getMessage().startsWith("OSC cannot start: the secret key file "), e.getMessage());
        assertTrue(e.getMessage().contains("(OSC_SECRET_KEY_FILE) does not exist"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aKeyFileThatIsNotOneIsRefusedNamingTheLine() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve(AtRest.DEFAULT_KEY_FILE), "# keys\nnot a key\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AtRest.prepare(data, Optional.empty()));
        assertTrue(e.getMessage().contains("line 2 is not a base64 key"), e.getMessage());
        assertTrue(e.getMessage().contains("restore the key file backed up with the database"), e.getMessage());
    }
}
