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
            char[] password = new char[0];
            PrivateKey key = Pem.privateKey(privateKey);
            List<Certificate> chain = Pem.certificates(certificate);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate ca : Pem.certificates(caCertificate)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new OvsdbException("cannot load the OVSDB TLS files (" + privateKey + ", " + certificate + ", "
                    + caCertificate + "): " + e.getMessage(), e);
        }
    }
}
