package org.osc.server.tls;

import java.lang.management.ManagementFactory;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * The order in which the API port prefers its cipher suites (the server's order decides).
 *
 * <p>{@code bin/osc} runs the JVM with C1 only ({@code -XX:TieredStopAtLevel=1}). AES-GCM is fast only through the
 * JIT's AES and GHASH intrinsics, which only C2 uses: with C1 it runs as plain Java at about 15-20 MB/s on this
 * project's 2-core test machine, against about 90 MB/s for ChaCha20-Poly1305 (and 1.6-2 GB/s for AES-GCM with C2).
 * Under LoadIT the encryption of list answers was 15% of the server's CPU. So when C2 is off, the JVM's default
 * suites are kept (the same set) with the ChaCha20-Poly1305 ones first; with C2, the JVM's order stands.
 */
final class CipherOrder {

    private static final String TIER_FLAG = "-XX:TieredStopAtLevel=";

    private CipherOrder() {
    }

    /** @return the suites to include, in order, for this JVM; empty to keep the JVM's own order */
    static Optional<String[]> forThisJvm() {
        if (!withoutC2(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            return Optional.empty();
        }
        try {
            return Optional.of(chachaFirst(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** @return whether these JVM arguments stop the JIT below C2 (the last setting of the flag counts) */
    static boolean withoutC2(List<String> jvmArguments) {
        int level = 4;
        for (String argument : jvmArguments) {
            if (argument.startsWith(TIER_FLAG)) {
                try {
                    level = Integer.parseInt(argument.substring(TIER_FLAG.length()).trim());
                } catch (NumberFormatException e) {
                    // the JVM would not have started with it; keep what came before
                }
            }
        }
        return level < 4;
    }

    /** @return the same suites, the ChaCha20-Poly1305 ones first, each group in its given order */
    static String[] chachaFirst(String[] suites) {
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String suite : suites) {
            (suite.contains("_CHACHA20_POLY1305_") ? first : rest).add(suite);
        }
        first.addAll(rest);
        return first.toArray(String[]::new);
    }
}
