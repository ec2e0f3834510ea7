package org.osc.deploy.check;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs kubectl, found on the {@code PATH}, for the commands that need no cluster: {@code kubectl kustomize}.
 */
public final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    private Kubectl(Path executable) {
        this.executable = executable;
    }

    /** @return kubectl when it is on the {@code PATH}, else empty */
    public static Optional<Kubectl> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new Kubectl(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * @param directory a kustomization folder
     * @return what {@code kubectl kustomize} renders: the objects {@code kubectl apply -k} would send
     * @throws IllegalStateException with kubectl's message when it fails
     */
    public String kustomize(Path directory) {
        return run(Map.of(), "kustomize", directory.toString());
    }

    /**
     * Runs kubectl with the given arguments and extra environment and returns its standard output.
     *
     * @throws IllegalStateException with kubectl's (or the command's) error output when it exits non-zero
     */
    public String run(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return Processes.run(command, environment, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
