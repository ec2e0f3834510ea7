package org.osc.server.secret;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osc.server.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in the key ring the replicas on one database share: it agrees with them on the active key
 * (the one {@code secret_key_active} names), records the ids of the keys it holds ({@code secret_key_holder}) and
 * polls the key file and the database for changes. A replica that has not recorded its keys for
 * {@link #liveFor()} is taken for gone (it stopped without saying so); after a day its record is removed. On H2,
 * which one process only can use, the start removes the records of earlier processes.
 */
final class ReplicaKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaKeys.class);
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);
    private static final Duration LIVE_AT_LEAST = Duration.ofSeconds(60);
    private static final int MAX_IDENTITY = 253;

    private final Database database;
    private final String identity;
    private final Duration liveFor;
    private volatile String lastFailure;

    /**
     * @param identity this replica's name ({@code OSC_POD_NAME}); blank: the host name and OSC's home folder
     * @param pollPeriod how often it polls; a replica is live while its record is younger than three of them
     *     (at least 60 s)
     */
    ReplicaKeys(Database database, String identity, Duration pollPeriod) {
        this.database = database;
        this.identity = identity == null || identity.isBlank() ? defaultIdentity() : identity.trim();
        Duration three = pollPeriod.multipliedBy(3);
        this.liveFor = three.compareTo(LIVE_AT_LEAST) > 0 ? three : LIVE_AT_LEAST;
    }

    /** @return this replica's name, as its record has it */
    String identity() {
        return identity;
    }

    /** @return how recent a record must be for its replica to count as running */
    Duration liveFor() {
        return liveFor;
    }

    /**
     * At start, after the key check: takes the active key the database records, or records this replica's when
     * there is none yet (or when it names a key this replica lacks that no stored value is under), then records
     * this replica's keys.
     *
     * @param counts how many stored values each key id has
     */
    void agreeAtStart(Map<String, Integer> counts) {
        KeyRing ring = AtRest.cipher().ring();
        Optional<String> active = database.read(s -> s.doReturningWork(KeyHolders::active));
        if (active.isEmpty() || !ring.ids().contains(active.get()) && counts.getOrDefault(active.get(), 0) == 0) {
            active.ifPresent(id -> LOG.warn("The database names {} as the active secret key, which the key file {}"
                    + " does not have and no stored secret is under; {} is active from now on", id,
                    AtRest.state().file(), ring.activeId()));
            try {
                database.run(s -> s.doWork(c -> KeyHolders.setActive(c, ring.activeId())));
            } catch (RuntimeException e) {
                // another replica starting at the same moment recorded its key first: take that one
                LOG.debug("Could not record the active secret key: {}", e.getMessage());
            }
            active = database.read(s -> s.doReturningWork(KeyHolders::active));
        }
        active.ifPresent(AtRest::agree);
        if ("H2".equals(database.kind())) {
            // one process only can use an H2 database: the other records are of earlier processes (a crash)
            database.run(s -> s.doWork(c -> KeyHolders.removeOthers(c, identity)));
        }
        record();
    }

    /** One round of the poll: the key file again, the active key the database records, this replica's record. */
    void poll() {
        try {
            AtRest.reload("it changed");
            database.read(s -> s.doReturningWork(KeyHolders::active)).ifPresent(AtRest::agree);
            record();
            for (KeyHolders.Holder holder : holders()) {
                if (holder.age().compareTo(FORGOTTEN_AFTER) > 0) {
                    database.run(s -> s.doWork(c -> KeyHolders.remove(c, holder.replica())));
                }
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastFailure)) {
                LOG.warn("Could not compare the secret keys with the other replicas' (the next poll tries again): {}",
                        failure);
                lastFailure = failure;
            }
        }
    }

    /** Records the ids of the keys this replica holds now. */
    void record() {
        KeyRing ring = AtRest.cipher().ring();
        database.run(s -> s.doWork(c -> KeyHolders.record(c, identity, ring.ids(), ring.activeId())));
    }

    /** @return every replica's record */
    List<KeyHolders.Holder> holders() {
        return database.read(s -> s.doReturningWork(KeyHolders::all));
    }

    /** @return whether a record is recent enough for its replica to count as running */
    boolean live(KeyHolders.Holder holder) {
        return holder.age().compareTo(liveFor) <= 0;
    }

    /** @return the other replicas that run now, with the keys they hold */
    List<KeyHolders.Holder> others() {
        return holders().stream().filter(h -> !h.replica().equals(identity) && live(h)).toList();
    }

    /** Removes this replica's record: it stops. */
    void leave() {
        try {
            database.run(s -> s.doWork(c -> KeyHolders.remove(c, identity)));
        } catch (RuntimeException e) {
            LOG.debug("Could not remove this replica's secret key record: {}", e.getMessage());
        }
    }

    /**
     * @return the host name and OSC's home folder: the same for the same installation after a restart, so that a
     *     process restarted (its earlier one killed, its record left behind) replaces its record rather than
     *     counting as another replica
     */
    private static String defaultIdentity() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "osc";
            }
        }
        String identity = host + ":" + Path.of(System.getProperty("osc.home", ".")).toAbsolutePath().normalize();
        return identity.length() <= MAX_IDENTITY ? identity : identity.substring(identity.length() - MAX_IDENTITY);
    }
}
