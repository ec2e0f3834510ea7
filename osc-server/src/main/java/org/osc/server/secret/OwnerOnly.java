package org.osc.server.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only file modes for what OSC keeps under its data folder (the database, the log, the key file, the admin
 * password, the plugins' state): folders 0700, files without any group or other permission. On file systems
 * without POSIX permissions nothing is done.
 */
public final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /**
     * Creates the folder (and its parents) when missing, and takes group and other permissions away from it and
     * from everything under it (symbolic links are not followed).
     *
     * @return how many files and folders had their mode changed
     */
    public static int fix(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!posix(dir)) {
                return 0;
            }
            int fixed = 0;
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) all::iterator) {
                    fixed += restrict(path) ? 1 : 0;
                }
            }
            if (fixed > 0) {
                LOG.info("Made {} file(s) and folder(s) under {} readable by their owner only", fixed, dir);
            }
            return fixed;
        } catch (IOException | UncheckedIOException e) {
            // A file that went meanwhile (the log rolled over) is no reason not to start.
            LOG.warn("Could not make everything under {} owner-only: {}", dir, e.getMessage());
            return 0;
        }
    }

    /** @return whether the file can be read or written by anyone but its owner */
    public static boolean sharedWithOthers(Path file) throws IOException {
        if (!posix(file)) {
            return false;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        return mode.stream().anyMatch(GROUP_AND_OTHERS::contains);
    }

    /** Creates an empty file readable and writable by its owner only (replacing one left over). */
    public static Path createFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (!posix(file.toAbsolutePath().getParent())) {
            return Files.createFile(file);
        }
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Another process created " + file + " meanwhile", e);
        }
    }

    private static boolean restrict(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return false;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        if (mode.stream().noneMatch(GROUP_AND_OTHERS::contains)) {
            return false;
        }
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        owner.addAll(mode);
        owner.removeAll(GROUP_AND_OTHERS);
        view.setPermissions(owner);
        return true;
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null
                && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
