package org.osc.server.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ring of this process, for the column converters ({@link SealedColumns}), which Hibernate creates itself
 * and so cannot be handed a service. {@link #prepare} loads it at start, before the database opens; the
 * {@link SecretKeyService} then checks it against the database, writes a newly generated key file, and installs
 * the ring a rotation makes.
 *
 * <p>Outside an OSGi framework (the store tests) a ring of one random key, kept in memory only, is used when none
 * was prepared; inside it, a secret read or written before {@link #prepare} is an error rather than a value under a
 * key that would be lost.
 */
public final class AtRest {

    /** The key file's name under the data folder when {@code OSC_SECRET_KEY_FILE} names none. */
    public static final String DEFAULT_KEY_FILE = "secret-keys";
    private static final Logger LOG = LoggerFactory.getLogger(AtRest.class);

    private static volatile KeyState state;

    private AtRest() {
    }

    /**
     * Where the keys come from and whether the file exists yet.
     *
     * @param file the key file
     * @param configured whether it was configured ({@code OSC_SECRET_KEY_FILE}) rather than the default
     * @param pending whether the ring was generated at this start and is not written yet (no key file existed)
     * @param cipher the cipher over the ring
     */
    record KeyState(Path file, boolean configured, boolean pending, SecretCipher cipher) {

        KeyState written() {
            return new KeyState(file, configured, false, cipher);
        }

        KeyState with(KeyRing ring) {
            return new KeyState(file, configured, pending, new SecretCipher(ring));
        }
    }

    /**
     * At start, before the database opens: makes the data folder and what it holds owner-only, and loads the key
     * file, or, when there is none yet, generates a ring that the {@link SecretKeyService} writes once it has
     * checked that the database holds no value encrypted under another key.
     *
     * @param dataDir the data folder
     * @param configuredKeyFile the key file {@code OSC_SECRET_KEY_FILE} names, if any
     * @throws IllegalStateException with one line saying what to do when the key file cannot be used
     */
    public static void prepare(Path dataDir, Optional<Path> configuredKeyFile) {
        OwnerOnly.fix(dataDir);
        Path file = configuredKeyFile.orElse(dataDir.resolve(DEFAULT_KEY_FILE));
        try {
            state = load(file, configuredKeyFile.isPresent());
        } catch (IllegalStateException e) {
            throw Refusal.exit(e.getMessage());
        }
    }

    private static KeyState load(Path file, boolean configured) {
        if (!Files.exists(file)) {
            if (configured) {
                throw new IllegalStateException("OSC cannot start: the secret key file " + file
                        + " (OSC_SECRET_KEY_FILE) does not exist; restore it or unset OSC_SECRET_KEY_FILE");
            }
            return new KeyState(file, false, true, new SecretCipher(KeyRing.generate()));
        }
        try {
            if (OwnerOnly.sharedWithOthers(file)) {
                LOG.warn("The secret key file {} can be read by others than its owner: chmod 600 it", file);
            }
            return new KeyState(file, configured, false, new SecretCipher(KeyFile.read(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("OSC cannot start: the secret key file cannot be used (" + e.getMessage()
                    + "); restore the key file backed up with the database", e);
        }
    }

    /** @return the cipher over this process's keys */
    static SecretCipher cipher() {
        return state().cipher();
    }

    /** @return where the keys come from */
    static KeyState state() {
        KeyState current = state;
        if (current != null) {
            return current;
        }
        synchronized (AtRest.class) {
            if (state == null) {
                if (FrameworkUtil.getBundle(AtRest.class) != null) {
                    throw new IllegalStateException("The secret keys are not loaded yet");
                }
                state = new KeyState(Path.of("no-key-file"), false, false, new SecretCipher(KeyRing.generate()));
            }
            return state;
        }
    }

    /** Replaces the state (a written key file, a rotation, a test). */
    static void install(KeyState next) {
        state = next;
    }
}
