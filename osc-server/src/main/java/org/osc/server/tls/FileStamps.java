package org.osc.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a set of files looked like when last asked (modification time, size, file key; "absent" for a missing one),
 * to tell a change by polling: a Kubernetes Secret mounted as a volume is swapped through a symbolic link, which
 * file-system events on the file itself do not report.
 */
final class FileStamps {

    private final List<Path> files;
    private List<String> last;

    FileStamps(List<Path> files) {
        this.files = List.copyOf(files);
        this.last = stamps();
    }

    /** @return whether any file changed since the last call (or since made) */
    synchronized boolean changed() {
        List<String> now = stamps();
        if (now.equals(last)) {
            return false;
        }
        last = now;
        return true;
    }

    private List<String> stamps() {
        List<String> stamps = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(attributes.lastModifiedTime().toMillis() + "/" + attributes.size() + "/"
                        + Objects.toString(attributes.fileKey()));
            } catch (IOException e) {
                stamps.add("absent");
            }
        }
        return stamps;
    }
}
