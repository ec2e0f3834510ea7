package org.osc.ovsdb.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files OVS and OVN are configured with, using only the JDK: certificates, PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 and {@code ovs-pki} write) and PKCS#1 RSA keys
 * ({@code BEGIN RSA PRIVATE KEY}, what older OpenSSL wrote), which are wrapped into PKCS#8 here.
 * Encrypted keys are not supported.
 */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pem() {
    }

    /**
     * @param file a PEM file with one or more certificates
     * @return the certificates, in file order
     * @throws IOException if the file cannot be read or holds no certificate
     * @throws GeneralSecurityException if a certificate cannot be parsed
     */
    public static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        return certificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /**
     * @param pem PEM text with one or more certificates
     * @param source where the text came from, for messages
     * @return the certificates, in text order
     * @throws IOException if the text holds no certificate
     * @throws GeneralSecurityException if a certificate cannot be parsed
     */
    public static List<Certificate> certificates(String pem, String source)
            throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("no PEM certificate in " + source);
        }
        return certificates;
    }

    /**
     * @param file a PEM file with an unencrypted private key
     * @return the key
     * @throws IOException if the file cannot be read or holds no supported key
     * @throws GeneralSecurityException if the key cannot be parsed
     */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        return privateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /**
     * @param pem PEM text with an unencrypted private key
     * @param source where the text came from, for messages
     * @return the key
     * @throws IOException if the text holds no supported key
     * @throws GeneralSecurityException if the key cannot be parsed
     */
    public static PrivateKey privateKey(String pem, String source) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            switch (m.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(decode(m.group(2)));
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(decode(m.group(2)))));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException("encrypted private keys are not supported: " + source);
                default:
                    break;
            }
        }
        throw new IOException("no PEM private key (PRIVATE KEY or RSA PRIVATE KEY) in " + source);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm, privateKey OCTET STRING }. */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        } else if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        } else if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
