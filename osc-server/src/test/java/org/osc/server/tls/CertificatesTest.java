package org.osc.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {

    @TempDir
    Path data;

    @Test
    void aFirstStartGeneratesAnOwnerOnlyCertificateForTheServersNames() throws Exception {
        ServerIdentity identity = Certificates.load(generated("127.0.0.1"), Instant.now());

        assertEquals(ServerIdentity.GENERATED, identity.source());
        X509Certificate certificate = identity.certificate();
        certificate.verify(certificate.getPublicKey());
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertTrue(Names.of(certificate).containsAll(Set.of("127.0.0.1", "localhost")), Names.of(certificate)
                .toString());
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "for TLS servers");
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertTrue(certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(700))));
        Path dir = data.resolve("tls");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", mode(dir.resolve(Certificates.KEY_FILE)));
        assertEquals("rw-------", mode(dir.resolve(Certificates.CERT_FILE)));
        assertEquals(identity.chain(), Pem.readCertificates(dir.resolve(Certificates.CERT_FILE)));
    }

    @Test
    void aBindAddressIsNamedAndTheWildcardNamesTheHostsAddresses() {
        X509Certificate bound = Certificates.load(generated("10.20.30.40"), Instant.now()).certificate();
        assertTrue(Names.of(bound).containsAll(Set.of("10.20.30.40", "127.0.0.1", "localhost")));
        Path other = data.resolve("other");
        X509Certificate wildcard = Certificates.load(new TlsOptions(other, "0.0.0.0", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5)),
                Instant.now()).certificate();
        assertTrue(Names.of(wildcard).containsAll(Set.of("127.0.0.1", "localhost")));
        assertTrue(!Names.of(wildcard).contains("0.0.0.0"), "the wildcard is no address to reach");
    }

    @Test
    void laterStartsReuseItAndAnExpiredUnreadableOrMisnamedOneIsMadeAnew() throws Exception {
        TlsOptions options = generated("127.0.0.1");
        String first = Certificates.load(options, Instant.now()).status().fingerprintSha256();
        assertEquals(first, Certificates.load(options, Instant.now()).status().fingerprintSha256(), "reused");

        String later = Certificates.load(options, Instant.now().plus(Duration.ofDays(729))).status()
                .fingerprintSha256();
        assertNotEquals(first, later, "expiring: made anew");

        Files.writeString(data.resolve("tls").resolve(Certificates.CERT_FILE), "not a certificate");
        String afterDamage = Certificates.load(options, Instant.now()).status().fingerprintSha256();
        assertNotEquals(later, afterDamage, "unreadable: made anew");

        ServerIdentity moved = Certificates.load(generated("10.9.8.7"), Instant.now());
        assertNotEquals(afterDamage, moved.status().fingerprintSha256(), "another bind address: made anew");
        assertTrue(Names.of(moved.certificate()).contains("10.9.8.7"));
    }

    @Test
    void aConfiguredPemCertificateIsServedAsItIs() throws Exception {
        ServerIdentity made = SelfSigned.generate(Set.of("osc.example.org"), Instant.now());
        Path cert = write("chain.pem", Pem.certificates(made.chain()));
        Path key = write("key.pem", Pem.key(made.key()));

        ServerIdentity loaded = Certificates.load(pem(cert, key), Instant.now());

        assertEquals(ServerIdentity.CONFIGURED, loaded.source());
        assertEquals(made.status().fingerprintSha256(), loaded.status().fingerprintSha256());
        assertTrue(Files.notExists(data.resolve("tls").resolve(Certificates.CERT_FILE)), "nothing generated");
    }

    @Test
    void traditionalOpenSslKeysAreReadToo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path ecKey = data.resolve("ec.key");
        Path rsaKey = data.resolve("rsa.key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ecKey.toString());
        openssl("genrsa", "-traditional", "-out", rsaKey.toString(), "2048");
        for (Path key : List.of(ecKey, rsaKey)) {
            assertTrue(Files.readString(key).contains(key == ecKey ? "BEGIN EC PRIVATE KEY" : "BEGIN RSA PRIVATE KEY"));
            Path cert = data.resolve(key.getFileName() + ".crt");
            openssl("req", "-x509", "-key", key.toString(), "-subj", "/CN=osc.example.org", "-days", "2", "-out",
                    cert.toString());
            ServerIdentity loaded = Certificates.load(pem(cert, key), Instant.now());
            assertEquals(ServerIdentity.fingerprint(Pem.readCertificates(cert).get(0)),
                    loaded.status().fingerprintSha256());
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    @Test
    void configuredFilesThatCannotBeUsedNameTheSetting() throws Exception {
        ServerIdentity one = SelfSigned.generate(Set.of("one.example.org"), Instant.now());
        ServerIdentity two = SelfSigned.generate(Set.of("two.example.org"), Instant.now());
        Path cert = write("chain.pem", Pem.certificates(one.chain()));
        Path otherKey = write("other-key.pem", Pem.key(two.key()));

        assertMessage(pem(cert, otherKey), "OSC_TLS_KEY_FILE", "does not belong");
        assertMessage(pem(data.resolve("missing.pem"), otherKey), "OSC_TLS_CERT_FILE", "does not exist");
        assertMessage(pem(write("junk.pem", "junk"), otherKey), "OSC_TLS_CERT_FILE", "not a PEM certificate");
        Path junkKey = write("junk-key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertMessage(pem(cert, junkKey),
                "OSC_TLS_KEY_FILE", "not a PEM private key");
    }

    @Test
    void aPkcs12FileOpensWithItsPasswordFromTheSettingOrAFile() throws Exception {
        ServerIdentity made = SelfSigned.generate(Set.of("osc.example.org"), Instant.now());
        Path file = data.resolve("server.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", made.key(), "s3cret".toCharArray(), made.chain().toArray(Certificate[]::new));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "s3cret".toCharArray());
        Files.write(file, bytes.toByteArray());

        ServerIdentity loaded = Certificates.load(pkcs12(file, Optional.of("s3cret"), Optional.empty()),
                Instant.now());
        assertEquals(made.status().fingerprintSha256(), loaded.status().fingerprintSha256());
        Path passwordFile = write("p12-password", "s3cret\n");
        assertEquals(made.status().fingerprintSha256(), Certificates.load(pkcs12(file, Optional.empty(),
                Optional.of(passwordFile)), Instant.now()).status().fingerprintSha256());

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Certificates.load(pkcs12(file, Optional.of("not-the-pw-42"), Optional.empty()), Instant.now()));
        assertTrue(wrong.getMessage().contains("OSC_TLS_PKCS12_PASSWORD"), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("not-the-pw-42"), "the password is never shown");
    }

    @Test
    void theKeystoreForJettyIsOwnerOnlyAndOpensWithThePasswordOfThisStart() throws Exception {
        ServerTls tls = ServerTls.start(generated("127.0.0.1"));
        var first = tls.jettyProperties();
        var second = tls.jettyProperties();
        assertEquals(first.get(ServerTls.KEYSTORE_PASSWORD), second.get(ServerTls.KEYSTORE_PASSWORD),
                "the same password while the process runs: the running server re-reads the file with it");
        Path keystore = Path.of((String) second.get(ServerTls.KEYSTORE));
        assertEquals("rw-------", mode(keystore));
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = ((String) second.get(ServerTls.KEYSTORE_PASSWORD)).toCharArray();
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        X509Certificate served = (X509Certificate) store.getCertificate("osc");
        assertEquals(tls.status().fingerprintSha256(), ServerIdentity.fingerprint(served));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of((String[]) second.get(ServerTls.PROTOCOLS)));
        assertNotEquals(first.get(ServerTls.KEYSTORE_PASSWORD), ServerTls.start(generated("127.0.0.1"))
                .jettyProperties().get(ServerTls.KEYSTORE_PASSWORD), "a new one at each start");
    }

    private void assertMessage(TlsOptions options, String setting, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Certificates.load(options, Instant.now()));
        assertTrue(e.getMessage().contains(setting) && e.getMessage().contains(why), e.getMessage());
    }

    private TlsOptions generated(String bindAddress) {
        return new TlsOptions(data, bindAddress, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5));
    }

    private TlsOptions pem(Path cert, Path key) {
        return new TlsOptions(data, "127.0.0.1", Optional.of(cert), Optional.of(key), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5));
    }

    private TlsOptions pkcs12(Path file, Optional<String> password, Optional<Path> passwordFile) {
        return new TlsOptions(data, "127.0.0.1", Optional.empty(), Optional.empty(), Optional.of(file), password,
                passwordFile, Duration.ofSeconds(5));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(data.resolve(name), text);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
