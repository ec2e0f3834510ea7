package org.osc.cli;

/**
 * A failure that ends the command with a readable one-line message and a documented exit code; never shown
 * with a stack trace.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message the line printed after {@code error: }
     */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message the line printed after {@code error: }
     * @param cause what went wrong underneath, kept for debugging
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the exit code the command ends with */
    public int exitCode() {
        return exitCode;
    }

    /** A usage error (exit 2). */
    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** Not found (exit 3). */
    static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }
}
