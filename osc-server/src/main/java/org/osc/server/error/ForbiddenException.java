package org.osc.server.error;

import java.util.List;

/** An authenticated user whose role does not allow the request: 403. */
public class ForbiddenException extends OscException {

    private static final long serialVersionUID = 1L;

    /** @param message why, e.g. "The auditor role may only read" */
    public ForbiddenException(String message) {
        super(message, List.of());
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
