package org.osc.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout}, for every command that can start a job. */
public class WaitOptions {

    @Option(names = "--wait", order = 110,
            description = "Follow the job the command starts to its end, with progress on "
                    + "stderr; exit 0 when it PASSED, 1 when it FAILED or was ABORTED, 7 on timeout.")
    boolean wait;

    @Option(names = "--timeout", order = 111, paramLabel = "SECONDS", defaultValue = "300",
            description = "How long --wait follows the job (default: ${DEFAULT-VALUE} s).")
    long timeoutSeconds;

    /** @return whether to follow the job */
    public boolean enabled() {
        return wait;
    }

    /** @return how long to follow it */
    public Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw CliException.usage("--timeout must be 1 second or more");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }
}
