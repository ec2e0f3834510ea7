package org.osc.server.secret;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osc.server.error.ConflictException;
import org.osc.server.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the secrets stored in the database. At start, once the database is open, it checks that the key
 * file has every key the stored values name (else the server refuses to start, never generating a key over
 * existing secrets), writes the key file generated at a first start, and encrypts the values of old still in
 * plaintext. A rotation adds a new active key to the key file and re-encrypts every stored secret under it in one
 * transaction. The user service waits for it, so that no request is served before the check.
 */
@Component(service = SecretKeyService.class, immediate = true)
public final class SecretKeyService {

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyService.class);

    /**
     * One key and how many stored values are encrypted under it.
     *
     * @param id the key's id, as stored values name it
     * @param active whether new values are encrypted under it
     * @param values how many stored values it encrypts
     */
    public record KeyUse(String id, boolean active, int values) {
    }

    /**
     * The keys, for the API.
     *
     * @param activeKeyId the key new values are encrypted under
     * @param keys every key of the key file, oldest first, with its values
     * @param plaintextValues stored secrets not encrypted (zero once the server has started)
     */
    public record KeyStatus(String activeKeyId, List<KeyUse> keys, int plaintextValues) {
    }

    /**
     * What a rotation did.
     *
     * @param activeKeyId the new active key
     * @param previousKeyId the key that was active before
     * @param reEncrypted how many stored values were re-encrypted under the new key
     * @param unreadable how many stored values could not be decrypted and were left as they were
     */
    public record Rotation(String activeKeyId, String previousKeyId, int reEncrypted, int unreadable) {
    }

    private final Database database;

    /** For the OSGi runtime: checks the keys against the database the moment it is open. */
    @Activate
    public SecretKeyService(@Reference Database database) {
        this.database = database;
        try {
            start();
        } catch (IllegalStateException e) {
            throw Refusal.exit(e.getMessage());
        }
    }

    /** A service over the database, with the keys {@link AtRest} holds; call {@link #start} before use. */
    static SecretKeyService unstarted(Database database) {
        return new SecretKeyService(database, null);
    }

    private SecretKeyService(Database database, Void unstarted) {
        this.database = database;
    }

    /**
     * The start-up step: the key check, the first key file, the encryption of plaintext of old.
     *
     * @throws IllegalStateException with one line saying what to do when the key file lacks a key the database
     *     uses
     */
    void start() {
        AtRest.KeyState state = AtRest.state();
        Map<String, Integer> counts = database.read(session -> session.doReturningWork(SecretRows::countByKey));
        Set<String> missing = new TreeSet<>(counts.keySet());
        missing.remove(SecretRows.PLAINTEXT);
        missing.removeAll(state.cipher().ring().ids());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("OSC cannot start: the database holds secrets encrypted with key(s) "
                    + String.join(", ", missing) + ", which " + (state.pending() ? "no key file has: "
                    + state.file() + " is missing" : "the key file " + state.file() + " does not have")
                    + "; restore the key file backed up with this database (or point OSC_SECRET_KEY_FILE at it)"
                    + " and start again");
        }
        if (state.pending()) {
            try {
                KeyFile.write(state.file(), state.cipher().ring());
            } catch (IOException e) {
                throw new IllegalStateException("OSC cannot start: cannot write the new secret key file "
                        + state.file() + ": " + e.getMessage(), e);
            }
            state = state.written();
            AtRest.install(state);
            LOG.info("Generated the secret key file {}; back it up with the database: without it the stored secrets"
                    + " are lost", state.file());
        }
        int plaintext = counts.getOrDefault(SecretRows.PLAINTEXT, 0);
        // GAP: H2 (and PostgreSQL until VACUUM) may keep the old plaintext in pages not reused yet; docs/secrets.md
        // says how to compact after an upgrade. Compacting here would close the database under the running server.
        if (plaintext > 0) {
            SecretCipher cipher = state.cipher();
            // Only the plaintext: values under older keys wait for a rotation.
            int encrypted = database.inTransaction(session -> session.doReturningWork(
                    connection -> SecretRows.rewrite(connection, cipher, true))).encrypted();
            LOG.info("Encrypted {} stored secret(s) that were plaintext", encrypted);
        }
    }

    /** @return the keys and how many stored values each encrypts */
    public KeyStatus status() {
        KeyRing ring = AtRest.cipher().ring();
        Map<String, Integer> counts = database.read(session -> session.doReturningWork(SecretRows::countByKey));
        List<KeyUse> keys = new ArrayList<>();
        for (String id : ring.ids()) {
            keys.add(new KeyUse(id, id.equals(ring.activeId()), counts.getOrDefault(id, 0)));
        }
        return new KeyStatus(ring.activeId(), keys, counts.getOrDefault(SecretRows.PLAINTEXT, 0));
    }

    /**
     * Makes a new active key and re-encrypts every stored secret under it, in one transaction. The key file is
     * written first, so that no value is ever stored under a key the file lacks; values written meanwhile under
     * the previous key stay readable, as the previous key stays in the file.
     *
     * @throws ConflictException when the key file cannot be written (a read-only secret mount: rotate it there)
     */
    // GAP: one server per database. Another server on the same database (a second replica) keeps the ring it read at
    // start: the values this rotation re-encrypts read as unreadable there until it restarts with the new key file.
    // GAP: retired keys stay in the key file for good; nothing prunes a key no stored value uses any more.
    public synchronized Rotation rotate() {
        AtRest.KeyState state = AtRest.state();
        KeyRing previous = state.cipher().ring();
        KeyRing next = previous.withNewActiveKey();
        try {
            KeyFile.write(state.file(), next);
        } catch (IOException e) {
            throw new ConflictException("The secret key file cannot be written (" + e.getMessage() + "); when it is "
                    + "mounted read-only (OSC_SECRET_KEY_FILE), add the new key there and restart instead");
        }
        AtRest.KeyState rotated = state.with(next);
        SecretRows.Rewritten rewritten = database.inTransaction(session -> session.doReturningWork(
                connection -> SecretRows.rewrite(connection, rotated.cipher(), false)));
        AtRest.install(rotated);
        LOG.info("Rotated the secret key: {} is active, {} stored secret(s) re-encrypted{}", next.activeId(),
                rewritten.encrypted(), rewritten.unreadable() > 0 ? ", " + rewritten.unreadable()
                        + " that do not decrypt left as they were" : "");
        return new Rotation(next.activeId(), previous.activeId(), rewritten.encrypted(), rewritten.unreadable());
    }
}
