package org.osc.server.plugin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osc.server.error.ValidationException;
import org.osgi.framework.Version;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The plugins drop-in folder. FileInstall watches it: a jar written here is installed and started, a jar
 * deleted from here is uninstalled. Uploads are written to a hidden temporary name and moved into place so
 * FileInstall never sees half a file.
 */
public final class PluginFiles {

    /** Configuration PID of the components that use the folder, set by the server from its home folder. */
    public static final String PID = "org.osc.server.plugins";

    /** The plugins folder's configuration. */
    @ObjectClassDefinition(name = "OSC plugins", description = "Set by OSC from its home folder")
    public @interface Config {
        /** @return the drop-in folder FileInstall watches */
        String dir();
    }

    private final Path dir;

    /** The plugins folder at the path. */
    public PluginFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** @return whether a bundle location names a jar inside the plugins folder */
    public boolean isPluginLocation(String location) {
        try {
            Path file = Path.of(URI.create(location)).toAbsolutePath().normalize();
            return dir.equals(file.getParent());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the jar file a bundle location names, when it is in the plugins folder */
    public static Path fileOf(String location) {
        return Path.of(URI.create(location)).toAbsolutePath().normalize();
    }

    /** @return where an uploaded bundle of this symbolic name is kept */
    public Path fileFor(String symbolicName) {
        return dir.resolve(symbolicName + ".jar");
    }

    /**
     * What an uploaded bundle says of itself.
     *
     * @param symbolicName its Bundle-SymbolicName, without directives
     * @param version its Bundle-Version (0.0.0 when it has none)
     */
    public record Upload(String symbolicName, String version) {
    }

    /**
     * Writes a bundle to the plugins folder as {@code <symbolic name>.jar}, replacing an earlier upload of the
     * same bundle (FileInstall then updates it).
     *
     * @return the file
     */
    public Path store(byte[] jar, String symbolicName) throws IOException {
        Files.createDirectories(dir);
        Path file = fileFor(symbolicName);
        Path temp = Files.createTempFile(dir, ".upload-", ".tmp");
        try {
            Files.write(temp, jar);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    /**
     * Checks that the bytes are an OSGi bundle and reads its name and version.
     *
     * @throws ValidationException when the body is not a jar with a usable Bundle-SymbolicName and Bundle-Version
     */
    public static Upload read(byte[] jar) {
        if (jar == null || jar.length == 0) {
            throw new ValidationException("body", "is empty; send the plugin bundle (a jar) as application/octet-stream");
        }
        try (InputStream in = new ByteArrayInputStream(jar); JarInputStream stream = new JarInputStream(in)) {
            Manifest manifest = stream.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                throw new ValidationException("body", "is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            String plain = name.split(";")[0].trim();
            if (!plain.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new ValidationException("body", "has an unusable Bundle-SymbolicName (letters, digits, '.', "
                        + "'_' and '-', at most 200)");
            }
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            try {
                return new Upload(plain, Version.parseVersion(version == null ? null : version.trim()).toString());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("body", "has an unusable Bundle-Version (major.minor.micro.qualifier)");
            }
        } catch (IOException e) {
            throw new ValidationException("body", "is not a readable jar");
        }
    }
}
