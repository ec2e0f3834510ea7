package org.osc.cli;

/**
 * The exit codes of oscctl, the contract scripts rely on. The same table is printed in {@code oscctl --help}
 * and in the generated reference.
 */
public final class ExitCodes {

    /** The command did what was asked (a followed job PASSED). */
    public static final int OK = 0;
    /** A followed job ended FAILED or ABORTED. */
    public static final int JOB_FAILED = 1;
    /** Wrong arguments, unknown kind, ambiguous name, unreadable input file. */
    public static final int USAGE = 2;
    /** The object does not exist (404, or no object of that name). */
    public static final int NOT_FOUND = 3;
    /** The server refused the request (400, 409, 422). */
    public static final int REJECTED = 4;
    /** Missing or wrong credentials, or not allowed (401, 403). */
    public static final int AUTH = 5;
    /** The server cannot be reached or failed (5xx). */
    public static final int CONNECTION = 6;
    /** A followed job did not end within --timeout. */
    public static final int TIMEOUT = 7;

    /** The table for help footers and the reference, one code per line. */
    public static final String TABLE = "%nExit codes:%n"
            + "  0  ok (a followed job PASSED)%n"
            + "  1  a followed job ended FAILED or ABORTED (the reason is printed)%n"
            + "  2  usage error: bad arguments, unknown kind, ambiguous name, unreadable file%n"
            + "  3  not found (404, or no object of that name)%n"
            + "  4  rejected by the server (400, 409, 422)%n"
            + "  5  authentication or permission (401, 403)%n"
            + "  6  connection error, or a server error (5xx)%n"
            + "  7  timeout while following a job (--timeout)";

    private ExitCodes() {
    }

    /**
     * @param status an HTTP error status
     * @return the exit code a response with that status ends the command with
     */
    public static int forStatus(int status) {
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status >= 500) {
            return CONNECTION;
        }
        // every other 4xx (400, 409, 422, and 405/415 which only a client bug causes) is a refusal
        return REJECTED;
    }
}
