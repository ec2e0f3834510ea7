package org.osc.server.secret;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.osc.server.error.ConflictException;
import org.osc.server.error.ValidationException;
import org.osc.server.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the secrets stored in the database. At start, once the database is open, it checks that the key
 * file has every key the stored values name (else the server refuses to start, never generating a key over
 * existing secrets), writes the key file generated at a first start, encrypts the values of old still in
 * plaintext, and agrees with the other replicas on the active key ({@link ReplicaKeys}). While the server runs it
 * polls the key file and the database ({@code OSC_SECRET_KEY_RELOAD_SECONDS}). A rotation makes a key active and
 * re-encrypts every stored secret under it in one transaction: a new key, added to the key file, when no other
 * replica runs; or a key every running replica already holds. The user service waits for it, so that no request
 * is served before the check. Its configuration (PID {@value #PID}) is set by the server from its settings.
 */
@Component(service = SecretKeyService.class, immediate = true, configurationPid = SecretKeyService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SecretKeyService.Config.class)
public final class SecretKeyService {

    /** Configuration PID. */
    public static final String PID = "org.osc.server.secret";
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyService.class);
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");

    /** The key service's configuration. */
    @ObjectClassDefinition(name = "OSC secret keys", description = "Set by OSC from its settings")
    public @interface Config {
        /** @return how often the key file and the other replicas' keys are read again */
        long reloadSeconds() default 10;

        /** @return this replica's identity (the pod name); empty: host name and OSC's home folder */
        String identity() default "";
    }

    /**
     * One key and how many stored values are encrypted under it.
     *
     * @param id the key's id, as stored values name it
     * @param active whether new values are encrypted under it
     * @param values how many stored values it encrypts
     * @param onEveryReplica whether every running replica holds it (a rotation to it is then accepted)
     */
    public record KeyUse(String id, boolean active, int values, boolean onEveryReplica) {
    }

    /**
     * A replica on the database, as it recorded itself.
     *
     * @param name its identity ({@code OSC_POD_NAME}, else host name and OSC's home folder)
     * @param keyIds the ids of the keys it holds
     * @param activeKeyId the key it encrypts new values under
     * @param live whether it recorded them recently enough to count as running
     * @param secondsSinceSeen how long ago it recorded them
     */
    public record Replica(String name, List<String> keyIds, String activeKeyId, boolean live,
            long secondsSinceSeen) {
    }

    /**
     * The keys, for the API.
     *
     * @param activeKeyId the key new values are encrypted under
     * @param keys every key of this replica's ring, oldest first, with its values
     * @param plaintextValues stored secrets not encrypted (zero once the server has started)
     * @param replica this replica's name
     * @param replicas every replica that recorded its keys, this one included
     */
    public record KeyStatus(String activeKeyId, List<KeyUse> keys, int plaintextValues, String replica,
            List<Replica> replicas) {
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
    private final ReplicaKeys replicas;
    private final ScheduledExecutorService poll;

    /** For the OSGi runtime: checks the keys against the database the moment it is open, then polls. */
    @Activate
    public SecretKeyService(Config config, @Reference Database database) {
        this.database = database;
        long seconds = Math.max(1, config.reloadSeconds());
        this.replicas = new ReplicaKeys(database, config.identity(), Duration.ofSeconds(seconds));
        try {
            start();
        } catch (IllegalStateException e) {
            throw Refusal.exit(e.getMessage());
        }
        poll = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "osc-secret-keys");
            thread.setDaemon(true);
            return thread;
        });
        poll.scheduleWithFixedDelay(replicas::poll, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Stops the poll and removes this replica's record of its keys. */
    @Deactivate
    void stop() {
        if (poll != null) {
            poll.shutdownNow();
        }
        replicas.leave();
    }

    /**
     * A service over the database, with the keys {@link AtRest} holds, for a replica of that name, that does not
     * poll; call {@link #start} before use.
     */
    static SecretKeyService unstarted(Database database, String identity) {
        return new SecretKeyService(database, new ReplicaKeys(database, identity, Duration.ofSeconds(10)));
    }

    /** {@link #unstarted(Database, String)} for a replica named after this process. */
    static SecretKeyService unstarted(Database database) {
        return unstarted(database, "");
    }

    private SecretKeyService(Database database, ReplicaKeys replicas) {
        this.database = database;
        this.replicas = replicas;
        this.poll = null;
    }

    /** @return this replica's part in the ring the replicas share */
    ReplicaKeys replicas() {
        return replicas;
    }

    /**
     * The start-up step: the key check, the first key file, the encryption of plaintext of old, the agreement on
     * the active key.
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
        replicas.agreeAtStart(counts);
    }

    /** @return the keys, how many stored values each encrypts, and which replica holds which */
    public KeyStatus status() {
        KeyRing ring = AtRest.cipher().ring();
        Map<String, Integer> counts = database.read(session -> session.doReturningWork(SecretRows::countByKey));
        List<Replica> all = new ArrayList<>();
        Set<String> everywhere = new TreeSet<>(ring.ids());
        for (KeyHolders.Holder holder : replicas.holders()) {
            boolean live = replicas.live(holder);
            all.add(new Replica(holder.replica(), holder.keyIds(), holder.activeKeyId(), live,
                    holder.age().toSeconds()));
            if (live && !holder.replica().equals(replicas.identity())) {
                everywhere.retainAll(holder.keyIds());
            }
        }
        List<KeyUse> keys = new ArrayList<>();
        for (String id : ring.ids()) {
            keys.add(new KeyUse(id, id.equals(ring.activeId()), counts.getOrDefault(id, 0), everywhere.contains(id)));
        }
        return new KeyStatus(ring.activeId(), keys, counts.getOrDefault(SecretRows.PLAINTEXT, 0),
                replicas.identity(), all);
    }

    /** {@link #rotate(String)} to a new key. */
    public Rotation rotate() {
        return rotate(null);
    }

    /**
     * Makes a key active and re-encrypts every stored secret under it, in one transaction, recording it in the
     * database as the key every replica encrypts new values under. Without a key id, a new random key, written
     * to the key file first (so that no value is ever stored under a key the file lacks), when no other replica
     * runs; with one, a key this replica's key file has and every running replica holds, the key file unchanged.
     * Values written meanwhile under the previous key stay readable, as every replica keeps it.
     *
     * @param keyId the key to make active (8 hexadecimal digits); null: a new key
     * @throws ValidationException when the key id is not one
     * @throws ConflictException saying what to do when the key file cannot be written (a read-only secret
     *     mount), when another replica runs (without a key id), or when this replica or a running one lacks the key
     */
    // GAP: the other replicas' keys are checked from their records just before the rotation's transaction: a
    // replica that starts in between with a key file lacking the key refuses to start if values are already under
    // it, and else reads the values re-encrypted under it as unreadable until its key file gets the key (it reads
    // the file again on meeting one).
    // GAP: the other replicas take the new active key at their next poll (OSC_SECRET_KEY_RELOAD_SECONDS); until
    // then what they write, or re-write with its whole row, is under the previous key, which every replica keeps:
    // readable everywhere, moved by the next rotation (no notification wakes them sooner).
    // GAP: retired keys stay in the key file for good; nothing prunes a key no stored value uses any more.
    public synchronized Rotation rotate(String keyId) {
        AtRest.reload("before a rotation");
        AtRest.KeyState state = AtRest.state();
        KeyRing previous = state.cipher().ring();
        List<KeyHolders.Holder> others = replicas.others();
        KeyRing next;
        if (keyId == null) {
            if (!others.isEmpty()) {
                throw new ConflictException(others.size() + " other replica(s) use this database ("
                        + names(others) + "): a key made here would be in this replica's key file only, and they "
                        + "could not read the secrets re-encrypted under it. Add a new key to every replica's key "
                        + "file (the Secret) first, wait until GET serverManagement/secretKeys shows it onEveryReplica,"
                        + " then rotate to it: oscctl rotate-key --key-id <its id>");
            }
            next = previous.withNewActiveKey();
            try {
                KeyFile.write(state.file(), next);
            } catch (IOException e) {
                throw new ConflictException("The secret key file cannot be written (" + e.getMessage() + "); when "
                        + "it is mounted read-only (OSC_SECRET_KEY_FILE), add a new key there and rotate to it: "
                        + "oscctl rotate-key --key-id <its id>");
            }
        } else {
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new ValidationException("keyId", "is not a key id (8 lower-case hexadecimal digits, as GET "
                        + "serverManagement/secretKeys lists them)");
            }
            if (!previous.ids().contains(keyId)) {
                throw new ConflictException("keyId", "The key " + keyId + " is not in this replica's key file "
                        + state.file().getFileName() + ": add it to every replica's key file (the Secret) first, and "
                        + "rotate once GET serverManagement/secretKeys shows it onEveryReplica");
            }
            List<String> lacking = others.stream().filter(h -> !h.keyIds().contains(keyId))
                    .map(KeyHolders.Holder::replica).toList();
            if (!lacking.isEmpty()) {
                throw new ConflictException("keyId", "The replica(s) " + String.join(", ", lacking) + " do not hold"
                        + " the key " + keyId + " yet and could not read the secrets re-encrypted under it: add it "
                        + "to their key file (the Secret; they read it again within "
                        + replicas.liveFor().toSeconds() / 3 + " s) and rotate again");
            }
            next = previous.withActive(keyId);
        }
        KeyRing rotated = next;
        SecretCipher cipher = new SecretCipher(rotated);
        SecretRows.Rewritten rewritten = database.inTransaction(session -> session.doReturningWork(connection -> {
            KeyHolders.setActive(connection, rotated.activeId());
            return SecretRows.rewrite(connection, cipher, false);
        }));
        AtRest.installRotated(rotated);
        try {
            replicas.record();
        } catch (RuntimeException e) {
            LOG.debug("Could not record this replica's keys after the rotation: {}", e.getMessage());
        }
        LOG.info("Rotated the secret key: {} is active, {} stored secret(s) re-encrypted{}", rotated.activeId(),
                rewritten.encrypted(), rewritten.unreadable() > 0 ? ", " + rewritten.unreadable()
                        + " that do not decrypt left as they were" : "");
        return new Rotation(rotated.activeId(), previous.activeId(), rewritten.encrypted(), rewritten.unreadable());
    }

    private static String names(List<KeyHolders.Holder> holders) {
        return String.join(", ", holders.stream().map(KeyHolders.Holder::replica).toList());
    }
}
