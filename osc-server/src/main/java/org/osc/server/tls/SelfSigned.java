package org.osc.server.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the self-signed certificate OSC serves when none is configured: an EC P-256 key (the JDK's own provider)
 * and an X.509 v3 certificate built with BouncyCastle's PKIX library (the JDK has no public API to build one),
 * signed SHA256withECDSA, for TLS servers only (not a CA), with the names it is reached by as subject alternative
 * names.
 */
public final class SelfSigned {

    /** How long a generated certificate is valid. */
    public static final Duration VALIDITY = Duration.ofDays(730);

    private SelfSigned() {
    }

    /**
     * @param names host names and IP addresses (literals) the certificate is for; the first is its common name
     * @param now when it starts to be valid (an hour earlier, for clocks a little behind)
     * @return a new key and its self-signed certificate
     */
    public static ServerIdentity generate(Set<String> names, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            List<String> ordered = new ArrayList<>(names);
            X500Name subject = new X500Name("CN=" + escape(ordered.get(0)) + ",O=OSC");
            BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(ordered));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            certificate.verify(pair.getPublic());
            return new ServerIdentity(pair.getPrivate(), List.of(certificate), ServerIdentity.GENERATED);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("Cannot generate the server's certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> all = new ArrayList<>();
        for (String name : names) {
            all.add(Names.isAddress(name) ? new GeneralName(GeneralName.iPAddress, Names.stripScope(name))
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    private static String escape(String value) {
        return value.replaceAll("([,+=\"\\\\<>;#])", "\\\\$1");
    }
}
