package org.osc.sample.manager;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Reads and writes the sample manager's state file. A write goes to a temporary file in the same folder
 * that is then moved over the old one, so a crash mid-write leaves either the old or the new state, never a
 * truncated file.
 */
final class SampleStateStore {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    SampleStateStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /**
     * Loads the state, or seeds and writes it on first start. A file that cannot be read is an error rather
     * than a reason to start empty: silently reseeding would lose every device OSC registered.
     */
    SampleState loadOrSeed() throws IOException {
        if (!Files.exists(file)) {
            SampleState seed = SampleState.seed();
            save(seed);
            return seed;
        }
        SampleState state = mapper.readValue(file.toFile(), SampleState.class);
        if (state.formatVersion() != SampleState.FORMAT_VERSION) {
            throw new IOException(file + " has format " + state.formatVersion() + ", expected "
                    + SampleState.FORMAT_VERSION);
        }
        return state;
    }

    void save(SampleState state) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(mapper.writeValueAsBytes(state));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                // On disk before the rename, or a power cut could leave the renamed file empty.
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (e.g. certain network mounts) cannot; a plain replace is the best left.
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
