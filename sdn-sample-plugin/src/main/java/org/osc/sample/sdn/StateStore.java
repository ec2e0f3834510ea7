package org.osc.sample.sdn;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Reads and writes the controller's state file. Writes go to a temporary file in the same directory that is
 * then moved over the old one, so a crash mid-write leaves the previous state, never half a file.
 */
final class StateStore {

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    StateStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /**
     * Reads the saved state; a missing file is a controller that has never run. An unreadable file fails
     * loudly: silently starting empty would make every element OSC registered vanish.
     */
    SavedState load() throws IOException {
        if (!Files.exists(file)) {
            return SavedState.empty();
        }
        SavedState state = mapper.readValue(file.toFile(), SavedState.class);
        if (state.format() != SavedState.FORMAT) {
            throw new IOException("unknown state format " + state.format() + " in " + file);
        }
        return state;
    }

    void save(SavedState state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            mapper.writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
