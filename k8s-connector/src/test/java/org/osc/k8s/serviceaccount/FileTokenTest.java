package org.osc.k8s.serviceaccount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubelet rotates a projected token in place: the file is read again, and a rotation in progress is waited out. */
class FileTokenTest {

    @TempDir
    Path dir;

    @Test
    void aRotatedTokenIsReadAgainAfterTheInterval() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "first\n");
        FileToken every = new FileToken(file, 0);
        FileToken hourly = new FileToken(file, 3_600_000_000_000L);
        assertEquals("first", every.getToken());
        assertEquals("first", hourly.getToken());
        Files.writeString(file, "second\n");
        assertEquals("second", every.getToken(), "re-read once the interval passed");
        assertEquals("first", hourly.getToken(), "kept within the interval");
    }

    @Test
    void whileTheFileIsReplacedTheLastTokenIsKeptButAFirstReadFails() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "first\n");
        FileToken every = new FileToken(file, 0);
        assertEquals("first", every.getToken());
        Files.delete(file);
        assertEquals("first", every.getToken(), "a rotation in progress");
        ServiceAccountException e = assertThrows(ServiceAccountException.class,
                () -> new FileToken(file, 0).getToken());
        assertTrue(e.getMessage().startsWith("the service account token " + file + " cannot be read"),
                e.getMessage());
        Files.writeString(file, " \n");
        assertEquals("the service account token " + file + " is empty",
                assertThrows(ServiceAccountException.class, () -> new FileToken(file, 0).getToken()).getMessage());
    }
}
