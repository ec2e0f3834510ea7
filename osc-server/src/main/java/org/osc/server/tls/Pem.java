package org.osc.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM files: certificate chains ({@code CERTIFICATE} blocks, leaf first) and private keys (PKCS#8
 * {@code PRIVATE KEY}, or the traditional {@code EC PRIVATE KEY} and {@code RSA PRIVATE KEY}), read with the JDK's
 * certificate factory and BouncyCastle's PEM parser; written as {@code CERTIFICATE} and PKCS#8 blocks.
 */
public final class Pem {

    private Pem() {
    }

    /**
     * @return the certificates of a PEM file, in file order
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it holds no certificate or a broken one
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no PEM certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate file (" + e.getMessage() + ")");
        }
    }

    /**
     * @return the private key of a PEM file (the first key in it)
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it holds no unencrypted private key
     */
    public static PrivateKey readKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException(file + " holds an encrypted private key; give an unencrypted "
                            + "one (owner-only) or a PKCS#12 file with its password");
                }
            }
        } catch (IOException | IllegalStateException | ClassCastException e) {
            throw new IllegalArgumentException(file + " is not a PEM private key file (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(file + " holds no PEM private key");
    }

    /** @return the certificates as PEM text */
    public static String certificates(List<X509Certificate> chain) {
        StringBuilder text = new StringBuilder();
        try {
            for (X509Certificate certificate : chain) {
                text.append(block("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode a certificate", e);
        }
        return text.toString();
    }

    /** @return the key as a PKCS#8 PEM block */
    public static String key(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
