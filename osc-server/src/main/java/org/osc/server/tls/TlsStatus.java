package org.osc.server.tls;

import java.time.Instant;

/**
 * The certificate the API port serves, as {@code GET /serverManagement/status} reports it.
 *
 * @param fingerprintSha256 the SHA-256 fingerprint of the served (leaf) certificate, upper-case hex pairs joined by
 *     colons, as {@code openssl x509 -fingerprint -sha256} prints it
 * @param notAfter when the certificate expires
 * @param source {@code generated} (self-signed at first start) or {@code configured} (PEM or PKCS#12 files)
 * @param subject the certificate's subject
 */
public record TlsStatus(String fingerprintSha256, Instant notAfter, String source, String subject) {
}
