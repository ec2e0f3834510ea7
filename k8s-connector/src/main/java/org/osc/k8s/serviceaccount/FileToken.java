package org.osc.k8s.serviceaccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.OAuthTokenProvider;

/**
 * The service account token from its file, read again once the last reading is older than the re-read interval:
 * the kubelet rotates a projected token in place. While a rotation replaces the file, a failed re-read keeps the
 * last token (it stays valid for a while); a first read that fails throws.
 */
final class FileToken implements OAuthTokenProvider {

    /** How long a token read from the file is used before the file is read again: a minute. */
    static final long REREAD_NANOS = 60_000_000_000L;

    private final Path file;
    private final long rereadNanos;
    private String token;
    private long readAtNanos;

    FileToken(Path file, long rereadNanos) {
        this.file = file;
        this.rereadNanos = rereadNanos;
    }

    @Override
    public synchronized String getToken() {
        if (token == null || System.nanoTime() - readAtNanos >= rereadNanos) {
            String value;
            try {
                value = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                if (token != null) {
                    return token;
                }
                throw new ServiceAccountException("the service account token " + file + " cannot be read ("
                        + e.getClass().getSimpleName() + "): is the token mounted into OSC's pod "
                        + "(automountServiceAccountToken or a projected volume)?");
            }
            if (value.isEmpty()) {
                throw new ServiceAccountException("the service account token " + file + " is empty");
            }
            token = value;
            readAtNanos = System.nanoTime();
        }
        return token;
    }
}
