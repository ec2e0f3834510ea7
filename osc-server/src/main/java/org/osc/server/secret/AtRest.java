package org.osc.server.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ring of this process, for the column converters ({@link SealedColumns}), which Hibernate creates itself
 * and so cannot be handed a service. {@link #prepare} loads it at start, before the database opens; the
 * {@link SecretKeyService} then checks it against the database, writes a newly generated key file, and installs
 * the ring a rotation makes.
 *
 * <p>The ring is reloaded from the key file while the server runs ({@link #reload}): when the file changes (the
 * {@link SecretKeyService}'s poll) and, at most once a second, when a stored value names a key the ring lacks. The
 * key new values are encrypted under is the one the replicas agreed on in the database ({@link #agree}), when the
 * ring has it, else the key file's last one.
 *
 * <p>Outside an OSGi framework (the store tests) a ring of one random key, kept in memory only, is used when none
 * was prepared; inside it, a secret read or written before {@link #prepare} is an error rather than a value under a
 * key that would be lost.
 */
public final class AtRest {

    /** The key file's name under the data folder when {@code OSC_SECRET_KEY_FILE} names none. */
    public static final String DEFAULT_KEY_FILE = "secret-keys";
    private static final Logger LOG = LoggerFactory.getLogger(AtRest.class);

    /** How often, at most, a value under an unknown key makes the key file be read again. */
    static final long UNKNOWN_KEY_RELOAD_MILLIS = 1000;

    private static volatile KeyState state;
    /** The active key the database records, which every replica encrypts new values under; null: none yet. */
    private static volatile String agreed;
    /** The SHA-256 of the key file's bytes as last read, and why it could not be used (logged once). */
    private static byte[] lastRead;
    private static String lastProblem;
    private static long lastUnknownKeyReload;

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
            synchronized (AtRest.class) {
                state = load(file, configuredKeyFile.isPresent());
                agreed = null;
                lastRead = null;
                lastProblem = null;
            }
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

    /** Replaces the state (a written key file, a test). */
    static synchronized void install(KeyState next) {
        state = next;
        lastRead = null;
        lastUnknownKeyReload = 0;
    }

    /**
     * Installs the ring a rotation made, keeping any key a reload added meanwhile; its active key is the one the
     * database now records.
     */
    static synchronized void installRotated(KeyRing rotated) {
        agreed = rotated.activeId();
        KeyRing ring = state.cipher().ring().reloadedFrom(rotated).withActive(rotated.activeId());
        state = state.with(ring);
    }

    /** @return the active key id the database records, as last read; empty before the first read */
    static Optional<String> agreed() {
        return Optional.ofNullable(agreed);
    }

    /**
     * Makes the key the database records active, when the ring has it (after reading the key file again when it
     * does not). Without it, the key file's active key stays active: a warning says so.
     *
     * @param activeId the active key id the database records
     */
    static synchronized void agree(String activeId) {
        agreed = activeId;
        KeyRing ring = state.cipher().ring();
        if (!ring.ids().contains(activeId)) {
            reload("the database names " + activeId + " as the active key");
            ring = state.cipher().ring();
        }
        if (!ring.ids().contains(activeId)) {
            problem("The replicas encrypt new secrets under key " + activeId + ", which the secret key file "
                    + state.file() + " does not have: add it there (new secrets stored here are under "
                    + ring.activeId() + ", which other replicas may not have)");
            return;
        }
        if (!ring.activeId().equals(activeId)) {
            LOG.info("The secret key {} is active from now on (as the database records)", activeId);
            state = state.with(ring.withActive(activeId));
        }
    }

    /**
     * Reads the key file again, when it changed since it was last read, and installs the ring it holds, keeping
     * every key of the current ring the file no longer has (values stored under it must stay readable) and the
     * active key the database records. A file that cannot be read or is not a key file is logged (once) and
     * ignored: the current ring stays.
     *
     * @param why what made it read the file, for the log
     * @return whether the ring changed
     */
    static synchronized boolean reload(String why) {
        KeyState current = state;
        if (current == null || current.pending()) {
            return false; // no key file yet: the start writes it
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(current.file());
        } catch (IOException e) {
            problem("The secret key file " + current.file() + " cannot be read (" + e + "); the keys read before"
                    + " stay in use");
            return false;
        }
        byte[] digest = sha256(bytes);
        if (Arrays.equals(digest, lastRead)) {
            return false;
        }
        KeyRing fromFile;
        try {
            fromFile = KeyFile.read(current.file());
        } catch (IOException | IllegalArgumentException e) {
            problem("The secret key file " + current.file() + " changed but cannot be used (" + e.getMessage()
                    + "); the keys read before stay in use");
            return false;
        }
        lastRead = digest;
        lastProblem = null;
        KeyRing before = current.cipher().ring();
        KeyRing next = before.reloadedFrom(fromFile);
        String active = agreed != null && next.ids().contains(agreed) ? agreed : before.activeId();
        next = next.withActive(next.ids().contains(active) ? active : next.activeId());
        if (next.ids().equals(before.ids()) && next.activeId().equals(before.activeId())) {
            return false;
        }
        Set<String> kept = before.missingFrom(fromFile);
        Set<String> added = fromFile.missingFrom(before);
        LOG.info("Reloaded the secret key file {} ({}): {} key(s){}{}, {} active", current.file(), why,
                next.ids().size(), added.isEmpty() ? "" : ", new " + String.join(", ", added),
                kept.isEmpty() ? "" : ", " + String.join(", ", kept) + " no longer in the file but kept until the"
                        + " restart (values stored under it stay readable)", next.activeId());
        state = current.with(next);
        return true;
    }

    /**
     * A stored value names a key the ring lacks: reads the key file again (at most once a second), as another
     * replica may have rotated to a key that reached this one's file meanwhile.
     *
     * @return whether the ring has the key now
     */
    static boolean reloadForUnknownKey(String keyId) {
        if (state().cipher().ring().ids().contains(keyId)) {
            return true;
        }
        synchronized (AtRest.class) {
            long now = System.nanoTime() / 1_000_000;
            if (lastUnknownKeyReload != 0 && now - lastUnknownKeyReload < UNKNOWN_KEY_RELOAD_MILLIS) {
                return state.cipher().ring().ids().contains(keyId);
            }
            lastUnknownKeyReload = now;
            reload("a stored secret is under key " + keyId + ", which the keys read before lack");
            return state.cipher().ring().ids().contains(keyId);
        }
    }

    private static void problem(String line) {
        if (!line.equals(lastProblem)) {
            lastProblem = line;
            LOG.warn(line);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
