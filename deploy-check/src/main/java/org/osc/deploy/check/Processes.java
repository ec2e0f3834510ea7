package org.osc.deploy.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end and returns what it printed; a failure names the command and its error output. */
public final class Processes {

    private Processes() {
    }

    /**
     * @param command the command and its arguments
     * @param environment variables added to this process's environment
     * @param timeout how long it may run
     * @param unit the unit of {@code timeout}
     * @return the command's standard output
     * @throws IllegalStateException naming the command, its exit code and its error output when it fails or does
     *     not end in time
     */
    public static String run(List<String> command, Map<String, String> environment, long timeout, TimeUnit unit) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("osc-deploy-check", ".out");
            Path err = Files.createTempFile("osc-deploy-check", ".err");
            try {
                builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout, unit)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not end within " + timeout + " " + unit);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " exited " + process.exitValue() + ": "
                            + Files.readString(err).strip());
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
