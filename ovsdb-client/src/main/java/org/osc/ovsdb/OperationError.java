package org.osc.ovsdb;

/**
 * One error in the result of a {@code transact}: either an operation that failed, or (with {@code index} equal
 * to the number of operations and {@code op} {@code "commit"}) the commit of an otherwise valid transaction, such
 * as a violated constraint or referential integrity.
 *
 * @param index position of the operation in the request
 * @param op the operation's name ({@code insert}, {@code update}, ...) or {@code commit}
 * @param error the OVSDB error tag, e.g. {@code constraint violation}
 * @param details the server's explanation, may be empty
 */
public record OperationError(int index, String op, String error, String details) {

    @Override
    public String toString() {
        return "operation " + index + " (" + op + "): " + error + (details.isEmpty() ? "" : ": " + details);
    }
}
