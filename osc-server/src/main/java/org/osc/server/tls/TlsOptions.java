package org.osc.server.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the server's certificate comes from, as the settings say (see {@code docs/tls.md}): PEM files
 * ({@code OSC_TLS_CERT_FILE} and {@code OSC_TLS_KEY_FILE}), or a PKCS#12 file ({@code OSC_TLS_PKCS12_FILE}) with its
 * password ({@code OSC_TLS_PKCS12_PASSWORD} or the file {@code OSC_TLS_PKCS12_PASSWORD_FILE} names), or none of them:
 * a certificate generated under {@code data/tls/}.
 *
 * @param dataDir the data folder
 * @param bindAddress the address the API listens on, which a generated certificate names
 * @param certFile the PEM certificate chain, leaf first
 * @param keyFile the PEM private key
 * @param pkcs12File the PKCS#12 keystore
 * @param pkcs12Password the PKCS#12 password given as a setting
 * @param pkcs12PasswordFile the file that holds the PKCS#12 password (read again at each reload)
 * @param reloadInterval how often configured files are checked for changes
 */
public record TlsOptions(Path dataDir, String bindAddress, Optional<Path> certFile, Optional<Path> keyFile,
        Optional<Path> pkcs12File, Optional<String> pkcs12Password, Optional<Path> pkcs12PasswordFile,
        Duration reloadInterval) {

    /** Checks that the settings name one source of certificate, each completely. */
    public TlsOptions {
        if (pkcs12File.isPresent() && (certFile.isPresent() || keyFile.isPresent())) {
            throw new IllegalArgumentException("set either OSC_TLS_PKCS12_FILE or OSC_TLS_CERT_FILE and "
                    + "OSC_TLS_KEY_FILE, not both");
        }
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException(certFile.isPresent() ? "OSC_TLS_CERT_FILE is set but OSC_TLS_KEY_FILE "
                    + "is not: give the private key's PEM file too" : "OSC_TLS_KEY_FILE is set but OSC_TLS_CERT_FILE "
                    + "is not: give the certificate chain's PEM file too");
        }
        if (pkcs12Password.isPresent() && pkcs12PasswordFile.isPresent()) {
            throw new IllegalArgumentException("set either OSC_TLS_PKCS12_PASSWORD or OSC_TLS_PKCS12_PASSWORD_FILE, "
                    + "not both");
        }
        if (pkcs12File.isEmpty() && (pkcs12Password.isPresent() || pkcs12PasswordFile.isPresent())) {
            throw new IllegalArgumentException("a PKCS#12 password is set but OSC_TLS_PKCS12_FILE is not");
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("OSC_TLS_RELOAD_SECONDS must be at least 1");
        }
    }

    /** @return whether a certificate is configured (else one is generated) */
    public boolean configured() {
        return certFile.isPresent() || pkcs12File.isPresent();
    }

    /** @return the folder of the generated certificate and of the keystore handed to the HTTP server */
    public Path tlsDir() {
        return dataDir.resolve("tls");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "TlsOptions[cert=" + certFile + ", key=" + keyFile + ", pkcs12=" + pkcs12File + "]";
    }
}
