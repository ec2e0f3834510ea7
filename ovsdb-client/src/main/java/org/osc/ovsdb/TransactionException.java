package org.osc.ovsdb;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code transact} was answered, but the transaction was aborted: one of its operations failed or its commit
 * did not pass the database's constraints. Nothing of it was applied.
 */
public class TransactionException extends OvsdbException {
    private static final long serialVersionUID = 1L;

    private final transient List<OperationError> errors;

    /**
     * @param database the database the transaction was for
     * @param errors the errors the server reported, at least one
     */
    public TransactionException(String database, List<OperationError> errors) {
        super("transaction on " + database + " failed: "
                + errors.stream().map(OperationError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /**
     * @return the errors the server reported, in request order
     */
    public List<OperationError> errors() {
        return errors;
    }
}
