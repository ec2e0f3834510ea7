package org.osc.server.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first admin on a database without users. Its password is the configured one
 * ({@code OSC_ADMIN_PASSWORD}) or a generated one, written once to {@code data/admin-password} readable by the
 * owner only; the generated password is never logged.
 */
public final class AdminBootstrap {

    /** The name of the first admin. */
    public static final String ADMIN = "admin";
    /** The file, under the data folder, that receives a generated password. */
    public static final String PASSWORD_FILE = "admin-password";

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AdminBootstrap() {
    }

    /** Creates the admin when no user exists yet; does nothing otherwise. */
    public static void ensureAdmin(UserService users, Optional<String> configured, Path dataDir) {
        if (users.any()) {
            return;
        }
        if (configured.isPresent()) {
            users.create(ADMIN, configured.get(), "admin");
            LOG.info("Created user '{}' with the password from OSC_ADMIN_PASSWORD", ADMIN);
            return;
        }
        String password = generate();
        Path file = dataDir.resolve(PASSWORD_FILE);
        writeOwnerOnly(file, password);
        users.create(ADMIN, password, "admin");
        LOG.info("Created user '{}'; its generated password is in {}", ADMIN, file);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void writeOwnerOnly(Path file, String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the admin password to " + file + ": " + e.getMessage(), e);
        }
    }
}
