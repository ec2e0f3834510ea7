package org.osc.simcluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the simulator process: this module's own classes (a jar or a {@code target/classes} folder,
 * wherever this class was loaded from) followed by its runtime dependencies, whose locations Maven wrote into
 * {@value #RESOURCE} at build time. Uses only the JDK so that test modules may exclude every transitive
 * dependency of sim-cluster.
 */
final class RuntimeClasspath {

    static final String RESOURCE = "runtime-classpath.txt";

    private RuntimeClasspath() {
    }

    /**
     * @return the entries, every one checked to exist
     * @throws IOException if the resource is missing or names a file that is gone (e.g. a cleaned local repository)
     */
    static List<Path> entries() throws IOException {
        List<Path> entries = new ArrayList<>();
        entries.add(ownLocation());
        try (InputStream in = RuntimeClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " not found next to " + RuntimeClasspath.class.getName()
                        + ": build sim-cluster with Maven (the dependency plugin writes it)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : text.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry.trim()));
                }
            }
        }
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new IOException("sim-cluster classpath entry is missing: " + entry
                        + " (rebuild sim-cluster so the list matches the local Maven repository)");
            }
        }
        return entries;
    }

    /** @return the entries joined for {@code java -cp} */
    static String asArgument() throws IOException {
        List<String> parts = new ArrayList<>();
        for (Path entry : entries()) {
            parts.add(entry.toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    private static Path ownLocation() throws IOException {
        try {
            return Path.of(RuntimeClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot tell where sim-cluster's classes were loaded from", e);
        }
    }
}
