package org.osc.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first: what the API port serves.
 *
 * @param key the private key
 * @param chain the certificates, leaf first
 * @param source {@link #GENERATED} or {@link #CONFIGURED}
 */
public record ServerIdentity(PrivateKey key, List<X509Certificate> chain, String source) {

    /** The source of a certificate OSC made itself. */
    public static final String GENERATED = "generated";
    /** The source of a certificate from configured files. */
    public static final String CONFIGURED = "configured";

    /** Copies the chain, which must not be empty. */
    public ServerIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    /** @return the leaf certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return what the status reports of it */
    public TlsStatus status() {
        X509Certificate leaf = certificate();
        return new TlsStatus(fingerprint(leaf), leaf.getNotAfter().toInstant(), source,
                leaf.getSubjectX500Principal().getName());
    }

    /** @return the SHA-256 fingerprint of a certificate: upper-case hex pairs joined by colons */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint a certificate", e);
        }
    }
}
