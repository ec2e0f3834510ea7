package org.osc.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder made owner-only: group and others lose every permission, the owner keeps theirs. */
class OwnerOnlyTest {

    @TempDir
    Path dir;

    @Test
    void groupAndOthersLoseEveryPermissionUnderTheFolder() throws Exception {
        Path data = dir.resolve("data");
        Path db = Files.createDirectories(data.resolve("db"));
        Path file = Files.writeString(db.resolve("osc.mv.db"), "x");
        Path script = Files.writeString(data.resolve("tool"), "x");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));

        assertEquals(4, OwnerOnly.fix(data));
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(db));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(script));
        assertEquals(0, OwnerOnly.fix(data), "nothing left to fix");
    }

    @Test
    void aMissingFolderIsCreatedOwnerOnly() throws Exception {
        Path data = dir.resolve("new-data");
        OwnerOnly.fix(data);
        assertEquals("rwx------", mode(data));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
