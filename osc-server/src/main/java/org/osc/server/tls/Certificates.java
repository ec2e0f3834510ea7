package org.osc.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osc.server.secret.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the server's certificate from where the options say: the configured PEM or PKCS#12 files, else the
 * generated one under {@code data/tls/} ({@value #CERT_FILE}, {@value #KEY_FILE}), made when absent, expired (or
 * expiring within {@link #RENEW_BEFORE}), unreadable or no longer naming the bind address, with a log line saying
 * why. Every failure is an {@link IllegalArgumentException} whose message names the setting or file to fix.
 */
public final class Certificates {

    /** The generated certificate's file under {@code data/tls/} (PEM), the one clients trust. */
    public static final String CERT_FILE = "server.crt";
    /** The generated key's file under {@code data/tls/} (PKCS#8 PEM, owner-only). */
    public static final String KEY_FILE = "server.key";
    /** How long before it expires a generated certificate is made anew at start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);

    private Certificates() {
    }

    /**
     * @return the identity to serve
     * @throws IllegalArgumentException naming the setting when the configured files cannot be used
     */
    public static ServerIdentity load(TlsOptions options, Instant now) {
        if (options.pkcs12File().isPresent()) {
            return pkcs12(options.pkcs12File().get(), password(options));
        }
        if (options.certFile().isPresent()) {
            return pem(options.certFile().get(), options.keyFile().orElseThrow());
        }
        return generated(options, now);
    }

    /** @return the files whose changes make a configured certificate reload (none for a generated one) */
    public static List<Path> watched(TlsOptions options) {
        List<Path> files = new ArrayList<>();
        options.certFile().ifPresent(files::add);
        options.keyFile().ifPresent(files::add);
        options.pkcs12File().ifPresent(files::add);
        options.pkcs12PasswordFile().ifPresent(files::add);
        return Collections.unmodifiableList(files);
    }

    private static ServerIdentity pem(Path certFile, Path keyFile) {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.readCertificates(certFile);
        } catch (IOException e) {
            throw unreadable("OSC_TLS_CERT_FILE", certFile, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OSC_TLS_CERT_FILE: " + e.getMessage());
        }
        try {
            key = Pem.readKey(keyFile);
        } catch (IOException e) {
            throw unreadable("OSC_TLS_KEY_FILE", keyFile, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OSC_TLS_KEY_FILE: " + e.getMessage());
        }
        if (!matches(key, chain.get(0))) {
            throw new IllegalArgumentException("OSC_TLS_KEY_FILE: the key in " + keyFile
                    + " does not belong to the first certificate in " + certFile + " (OSC_TLS_CERT_FILE)");
        }
        warnIfSharedOrExpired(keyFile, "OSC_TLS_KEY_FILE", chain.get(0));
        return new ServerIdentity(key, chain, ServerIdentity.CONFIGURED);
    }

    private static ServerIdentity pkcs12(Path file, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("OSC_TLS_PKCS12_PASSWORD: the password does not open " + file
                        + " (OSC_TLS_PKCS12_FILE)");
            }
            throw unreadable("OSC_TLS_PKCS12_FILE", file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("OSC_TLS_PKCS12_FILE: " + file + " is not a PKCS#12 file ("
                    + e.getMessage() + ")");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    warnIfSharedOrExpired(file, "OSC_TLS_PKCS12_FILE", chain.get(0));
                    return new ServerIdentity(key, chain, ServerIdentity.CONFIGURED);
                }
            }
        } catch (GeneralSecurityException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("OSC_TLS_PKCS12_FILE: the key in " + file + " cannot be read ("
                    + e.getMessage() + ")");
        }
        throw new IllegalArgumentException("OSC_TLS_PKCS12_FILE: " + file + " holds no private key with its "
                + "certificate");
    }

    private static char[] password(TlsOptions options) {
        if (options.pkcs12Password().isPresent()) {
            return options.pkcs12Password().get().toCharArray();
        }
        if (options.pkcs12PasswordFile().isPresent()) {
            Path file = options.pkcs12PasswordFile().get();
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw unreadable("OSC_TLS_PKCS12_PASSWORD_FILE", file, e);
            }
        }
        return new char[0];
    }

    private static ServerIdentity generated(TlsOptions options, Instant now) {
        Path dir = options.tlsDir();
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        String why;
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                List<X509Certificate> chain = Pem.readCertificates(certFile);
                PrivateKey key = Pem.readKey(keyFile);
                X509Certificate leaf = chain.get(0);
                why = !matches(key, leaf) ? "its key does not match it"
                        : leaf.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))
                                ? "it expires on " + leaf.getNotAfter().toInstant()
                                : !Names.covers(leaf, Names.required(options.bindAddress()))
                                        ? "it does not name " + Names.required(options.bindAddress()) : null;
                if (why == null) {
                    return new ServerIdentity(key, chain, ServerIdentity.GENERATED);
                }
            } catch (IOException | IllegalArgumentException e) {
                why = "it cannot be read (" + e.getMessage() + ")";
            }
            LOG.warn("Generating a new self-signed TLS certificate in {}: the one there cannot be used, {}; clients "
                    + "that trusted the old one must trust the new one", dir, why);
        } else {
            LOG.info("Generating a self-signed TLS certificate in {} (no certificate is configured)", dir);
        }
        ServerIdentity identity = SelfSigned.generate(Names.forServer(options.bindAddress()), now);
        try {
            Files.createDirectories(dir);
            OwnerOnly.fix(dir);
            writeOwnerOnly(keyFile, Pem.key(identity.key()));
            writeOwnerOnly(certFile, Pem.certificates(identity.chain()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the generated TLS certificate to " + dir + ": "
                    + e.getMessage());
        }
        return identity;
    }

    /** Writes a file readable by its owner only, replacing the old one at once. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temp = OwnerOnly.createFile(file.resolveSibling(file.getFileName() + ".new"));
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** @return whether the key is the private half of the certificate's public key (a signature shows it) */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static void warnIfSharedOrExpired(Path keyFile, String setting, X509Certificate leaf) {
        try {
            if (OwnerOnly.sharedWithOthers(keyFile)) {
                LOG.warn("The TLS key file {} ({}) can be read by others than its owner: chmod 600 it", keyFile,
                        setting);
            }
        } catch (IOException e) {
            // read just before: nothing more to say
        }
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now())) {
            LOG.warn("The configured TLS certificate {} expired on {}: clients will refuse it",
                    leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
        }
    }

    private static IllegalArgumentException unreadable(String setting, Path file, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new IllegalArgumentException(setting + " names " + file + ", which cannot be read: " + why);
    }
}
