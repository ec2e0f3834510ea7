package org.osc.ovsdb;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.osc.ovsdb.internal.Pem;

/**
 * The PEM files for an {@code ssl:} remote, as OVN is configured with them ({@code --private-key},
 * {@code --certificate}, {@code --ca-cert}): the client's key and certificate, and the CA the server's
 * certificate must chain to. The server's host name is not checked against its certificate, as OVS does not
 * either; trust comes from the CA alone.
 *
 * @param privateKey the client's private key, PKCS#8 or PKCS#1 RSA, unencrypted
 * @param certificate the client's certificate (chain)
 * @param caCertificate the CA certificate(s) trusted for the server
 */
public record OvsdbTls(Path privateKey, Path certificate, Path caCertificate) {

    /**
     * @param privateKey the client's key
     * @param certificate the client's certificate
     * @param caCertificate the trusted CA
     */
    public OvsdbTls {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(caCertificate, "caCertificate");
    }

    /**
     * Reads the files (again on every call, so renewed files are picked up on the next connection).
     *
     * @return a TLS context with the client's key and the CA as the only trust anchor
     * @throws OvsdbException if a file cannot be read or parsed
     */
    public SSLContext sslContext() {
        try {
            return context(Pem.privateKey(privateKey), Pem.certificates(certificate), Pem.certificates(caCertificate));
        } catch (IOException | GeneralSecurityException e) {
            throw new OvsdbException("cannot load the OVSDB TLS files (" + privateKey + ", " + certificate + ", "
                    + caCertificate + "): " + e.getMessage(), e);
        }
    }

    /**
     * Builds a TLS context from PEM text rather than files, e.g. from settings an administrator gave over an API.
     * A message of the exception thrown starts with the part at fault: {@code private key: },
     * {@code certificate: } or {@code CA certificate: }.
     *
     * @param privateKeyPem the client's private key, PKCS#8 or PKCS#1 RSA, unencrypted
     * @param certificatePem the client's certificate (chain)
     * @param caCertificatePem the CA certificate(s) trusted for the server
     * @return a TLS context with the client's key and the CA as the only trust anchor
     * @throws OvsdbException if a part cannot be parsed
     * @since 1.1
     */
    public static SSLContext sslContext(String privateKeyPem, String certificatePem, String caCertificatePem) {
        PrivateKey key = parse("private key", () -> Pem.privateKey(privateKeyPem, "the private key"));
        List<Certificate> chain = parse("certificate", () -> Pem.certificates(certificatePem, "the certificate"));
        List<Certificate> cas = parse("CA certificate", () -> Pem.certificates(caCertificatePem,
                "the CA certificate"));
        try {
            return context(key, chain, cas);
        } catch (IOException | GeneralSecurityException e) {
            throw new OvsdbException("certificate: does not fit the private key: " + e.getMessage(), e);
        }
    }

    /** Parses one PEM part, naming it in the error. */
    private static <T> T parse(String part, PemParser<T> parser) {
        try {
            return parser.parse();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new OvsdbException(part + ": " + e.getMessage(), e);
        }
    }

    /** A PEM parsing step. */
    private interface PemParser<T> {
        T parse() throws IOException, GeneralSecurityException;
    }

    private static SSLContext context(PrivateKey key, List<Certificate> chain, List<Certificate> cas)
            throws IOException, GeneralSecurityException {
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : cas) {
            trust.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
