package org.osc.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.osc.server.secret.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of the API port, registered as a service for the status resource: the certificate served, the
 * keystore the HTTP server (Felix HTTP Jetty) loads it from, and, for a configured certificate, a watch of its files
 * that makes a changed certificate served without a restart.
 *
 * <p>Jetty reads its keystore from a file, with a password. This writes the served key and chain to
 * {@code data/tls/}{@value #KEYSTORE_FILE} (owner-only, PKCS#12) under a random password made at start, and hands
 * path and password to the HTTP server's configuration. Configuration Admin keeps configurations in memory only in
 * this runtime (see {@code osc.bndrun}), so the password is never written to disk; it opens a file that only the
 * server's user can read anyway.
 *
 * <p>A new certificate is written to the same file under the same password, and the running server's TLS
 * connector reads it again in place ({@link JettyKeystoreReload}): new handshakes get the new certificate, open
 * connections keep theirs, nothing is refused. Only when the running server cannot be reached that way (not started
 * yet) does the new keystore go, under a new password, as a new configuration, which makes Felix restart Jetty
 * (connections refused for about a second).
 */
public final class ServerTls implements AutoCloseable {

    /** The keystore handed to the HTTP server, under {@code data/tls/}; written at each start and reload. */
    public static final String KEYSTORE_FILE = "keystore.p12";
    /** Felix HTTP Jetty's HTTPS properties this sets. */
    static final String KEYSTORE = "org.apache.felix.https.keystore";
    static final String KEYSTORE_PASSWORD = "org.apache.felix.https.keystore.password";
    static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    static final String PROTOCOLS = "org.apache.felix.https.jetty.protocols.included";
    static final String CIPHER_SUITES = "org.apache.felix.https.jetty.ciphersuites.included";

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    private static final String ALIAS = "osc";

    private final TlsOptions options;
    private final AtomicReference<KeystoreReload> inPlace = new AtomicReference<>();
    private volatile ServerIdentity identity;
    private volatile char[] password = newPassword();
    private ScheduledExecutorService watch;

    /** Makes the running HTTP server read the keystore file again (same path, same password). */
    interface KeystoreReload {

        /** @throws Exception when the server could not load it */
        void reload() throws Exception;
    }

    private ServerTls(TlsOptions options, ServerIdentity identity) {
        this.options = options;
        this.identity = identity;
    }

    /**
     * Loads (or generates) the certificate.
     *
     * @throws IllegalArgumentException naming the setting when the configured certificate cannot be used
     */
    public static ServerTls start(TlsOptions options) {
        return new ServerTls(options, Certificates.load(options, Instant.now()));
    }

    /** @return the certificate served */
    public TlsStatus status() {
        return identity.status();
    }

    /** @return the identity served */
    ServerIdentity identity() {
        return identity;
    }

    /**
     * Writes the keystore of the current identity under the current password.
     *
     * @return Felix HTTP Jetty's keystore properties for it (TLS 1.3 and 1.2 only)
     */
    public Map<String, Object> jettyProperties() {
        char[] password = this.password;
        Path file = writeKeystore(password);
        Map<String, Object> properties = new Hashtable<>();
        properties.put(KEYSTORE, file.toAbsolutePath().toString());
        properties.put(KEYSTORE_PASSWORD, new String(password));
        properties.put(KEY_PASSWORD, new String(password));
        properties.put(KEYSTORE_TYPE, "PKCS12");
        properties.put(PROTOCOLS, new String[] { "TLSv1.3", "TLSv1.2" });
        CipherOrder.forThisJvm().ifPresent(suites -> properties.put(CIPHER_SUITES, suites));
        return properties;
    }

    /** Lets a reload go through the running HTTP server's TLS connector (see {@link JettyKeystoreReload}). */
    void inPlace(KeystoreReload reload) {
        inPlace.set(reload);
    }

    /** The running HTTP server's TLS connector is going: reloads fall back to a new configuration. */
    void notInPlace(KeystoreReload reload) {
        inPlace.compareAndSet(reload, null);
    }

    /** @return the keystore file, written anew (atomically) with the current identity under that password */
    private Path writeKeystore(char[] password) {
        Path file = options.tlsDir().resolve(KEYSTORE_FILE);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            ServerIdentity current = identity;
            store.setKeyEntry(ALIAS, current.key(), password, current.chain().toArray(Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            Files.createDirectories(file.getParent());
            OwnerOnly.fix(file.getParent());
            Path temp = OwnerOnly.createFile(file.resolveSibling(KEYSTORE_FILE + ".new"));
            try {
                Files.write(temp, bytes.toByteArray());
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot write the TLS keystore " + file + ": " + e.getMessage());
        }
        return file;
    }

    /**
     * Watches the configured certificate's files (nothing for a generated certificate): when one changes and the
     * files make a usable certificate, it becomes the one served; a broken one is logged and the old one stays.
     *
     * @param apply hands Jetty's new keystore properties to the HTTP server
     */
    public synchronized void watch(Consumer<Map<String, Object>> apply) {
        List<Path> files = Certificates.watched(options);
        if (files.isEmpty() || watch != null) {
            return;
        }
        FileStamps stamps = new FileStamps(files);
        watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "osc-tls-watch");
            thread.setDaemon(true);
            return thread;
        });
        long period = options.reloadInterval().toMillis();
        watch.scheduleWithFixedDelay(() -> {
            try {
                if (stamps.changed()) {
                    reload(apply);
                }
            } catch (RuntimeException e) {
                LOG.warn("The TLS certificate watch failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    private void reload(Consumer<Map<String, Object>> apply) {
        ServerIdentity next;
        try {
            next = Certificates.load(options, Instant.now());
        } catch (IllegalArgumentException e) {
            LOG.warn("The TLS certificate files changed but cannot be used, the server keeps serving the certificate "
                    + "with SHA-256 fingerprint {}: {}", identity.status().fingerprintSha256(), e.getMessage());
            return;
        }
        if (next.status().fingerprintSha256().equals(identity.status().fingerprintSha256())
                && next.chain().equals(identity.chain())) {
            return;
        }
        ServerIdentity previous = identity;
        identity = next;
        KeystoreReload running = inPlace.get();
        if (running != null) {
            try {
                writeKeystore(password);
                running.reload();
                LOG.info("Reloaded the TLS certificate in place: now serving {} with SHA-256 fingerprint {} "
                        + "(expires {})", next.status().subject(), next.status().fingerprintSha256(),
                        next.status().notAfter());
                return;
            } catch (Exception e) {
                LOG.warn("Could not reload the TLS certificate in place ({}); the HTTP server restarts with it",
                        e.toString());
            }
        }
        try {
            // A new password makes a new configuration, which Felix applies by restarting Jetty.
            password = newPassword();
            apply.accept(jettyProperties());
            LOG.info("Reloaded the TLS certificate: now serving {} with SHA-256 fingerprint {} (expires {})",
                    next.status().subject(), next.status().fingerprintSha256(), next.status().notAfter());
        } catch (RuntimeException e) {
            identity = previous;
            LOG.warn("Could not apply the new TLS certificate, the old one stays: {}", e.getMessage());
        }
    }

    private static char[] newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.shutdownNow();
            watch = null;
        }
    }
}
