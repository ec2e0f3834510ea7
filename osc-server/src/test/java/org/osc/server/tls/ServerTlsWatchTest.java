package org.osc.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsWatchTest {

    @TempDir
    Path dir;

    @Test
    void swappedFilesAreServedAndBrokenOnesKeepTheOldCertificate() throws Exception {
        ServerIdentity one = SelfSigned.generate(Set.of("one.example.org"), Instant.now());
        Path cert = Files.writeString(dir.resolve("cert.pem"), Pem.certificates(one.chain()));
        Path key = Files.writeString(dir.resolve("key.pem"), Pem.key(one.key()));
        TlsOptions options = new TlsOptions(dir.resolve("data"), "127.0.0.1", Optional.of(cert), Optional.of(key),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMillis(100));
        LinkedBlockingQueue<Map<String, Object>> applied = new LinkedBlockingQueue<>();
        try (ServerTls tls = ServerTls.start(options)) {
            tls.watch(applied::add);
            assertEquals(one.status().fingerprintSha256(), tls.status().fingerprintSha256());

            // a certificate whose key is not there yet: the old one stays
            ServerIdentity two = SelfSigned.generate(Set.of("two.example.org"), Instant.now());
            Files.writeString(cert, Pem.certificates(two.chain()));
            assertEquals(null, applied.poll(700, TimeUnit.MILLISECONDS), "a broken pair is not applied");
            assertEquals(one.status().fingerprintSha256(), tls.status().fingerprintSha256());

            Files.writeString(key, Pem.key(two.key()));
            Map<String, Object> properties = applied.poll(5, TimeUnit.SECONDS);
            assertTrue(properties != null, "the new pair is applied");
            assertEquals(two.status().fingerprintSha256(), tls.status().fingerprintSha256());
            assertTrue(properties.containsKey(ServerTls.KEYSTORE_PASSWORD));
        }
    }
}
