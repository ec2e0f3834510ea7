package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key file read again while the server runs: a changed file adds its keys without making the file's last one
 * active over the one the database names, a broken file is ignored, a key gone from the file stays, and a value
 * under a key the ring lacks makes the file be read again, at most once a second.
 */
class KeyReloadTest {

    private static final String PLACE = SecretColumn.KUBECONFIG.place();

    @TempDir
    Path dir;

    private final KeyRing first = KeyRing.generate();
    private final KeyRing second = KeyRing.generate();
    private final KeyRing third = KeyRing.generate();
    private Path file;

    @BeforeEach
    void keyFileOfOneKey() throws Exception {
        file = dir.resolve("secret-keys");
        KeyFile.write(file, first);
        AtRest.install(new AtRest.KeyState(file, true, false, new SecretCipher(KeyFile.read(file))));
        AtRest.agree(first.activeId());
    }

    @Test
    void aKeyAddedToTheFileIsLoadedButTheKeyTheDatabaseNamesStaysActive() throws Exception {
        KeyFile.write(file, ring(first, second));
        assertTrue(AtRest.reload("test"));
        KeyRing ring = AtRest.cipher().ring();
        assertEquals(List.of(first.activeId(), second.activeId()), List.copyOf(ring.ids()));
        assertEquals(first.activeId(), ring.activeId(), "adding a key does not make it active");
        assertFalse(AtRest.reload("test"), "an unchanged file changes nothing");

        AtRest.agree(second.activeId());
        assertEquals(second.activeId(), AtRest.cipher().ring().activeId());
        String stored = AtRest.cipher().seal("kubeconfig", PLACE);
        assertEquals(second.activeId(), SecretCipher.keyIdOf(stored).orElseThrow());
    }

    @Test
    void aBrokenKeyFileIsIgnoredAndTheKeysReadBeforeStay() throws Exception {
        String sealed = AtRest.cipher().seal("kubeconfig", PLACE);
        Files.writeString(file, "# half written\nnot-a-key\n");
        assertFalse(AtRest.reload("test"));
        assertEquals(List.of(first.activeId()), List.copyOf(AtRest.cipher().ring().ids()));
        assertEquals("kubeconfig", AtRest.cipher().open(sealed, PLACE));
        Files.delete(file);
        assertFalse(AtRest.reload("test"));
        assertEquals("kubeconfig", AtRest.cipher().open(sealed, PLACE));

        KeyFile.write(file, ring(first, second));
        assertTrue(AtRest.reload("test"), "a good file again is read");
        assertEquals(2, AtRest.cipher().ring().ids().size());
    }

    @Test
    void aKeyGoneFromTheFileStaysSoThatValuesUnderItStayReadable() throws Exception {
        String sealed = AtRest.cipher().seal("kubeconfig", PLACE);
        KeyFile.write(file, second);
        assertTrue(AtRest.reload("test"));
        assertTrue(AtRest.cipher().ring().ids().containsAll(List.of(first.activeId(), second.activeId())));
        assertEquals("kubeconfig", AtRest.cipher().open(sealed, PLACE));
        assertEquals(first.activeId(), AtRest.cipher().ring().activeId(), "the agreed key stays active");
    }

    @Test
    void aValueUnderAnUnknownKeyMakesTheFileBeReadAgainAtMostOnceASecond() throws Exception {
        SealedColumn column = new SealedColumns.Kubeconfig();
        // another replica rotated to the second key, which reached this one's key file meanwhile
        String underSecond = new SecretCipher(ring(first, second)).seal("kubeconfig-2", PLACE);
        KeyFile.write(file, ring(first, second));
        assertEquals("kubeconfig-2", column.convertToEntityAttribute(underSecond));
        assertTrue(AtRest.cipher().ring().ids().contains(second.activeId()));

        // within the second: the file is not read again, the value reads as unreadable
        String underThird = new SecretCipher(ring(first, second, third)).seal("kubeconfig-3", PLACE);
        KeyFile.write(file, ring(first, second, third));
        assertTrue(SealedColumn.unreadable(column.convertToEntityAttribute(underThird)));
        Thread.sleep(AtRest.UNKNOWN_KEY_RELOAD_MILLIS + 100);
        assertEquals("kubeconfig-3", column.convertToEntityAttribute(underThird));
        assertEquals(first.activeId(), AtRest.cipher().ring().activeId());
    }

    private static KeyRing ring(KeyRing... rings) {
        List<byte[]> keys = new ArrayList<>();
        for (KeyRing ring : rings) {
            ring.rawKeys().forEach(keys::add);
        }
        return KeyRing.of(keys);
    }
}
